DROP TABLE report_passages;
DROP TABLE reports;
