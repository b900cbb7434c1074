DROP TABLE report_headers;
DROP TABLE report_passages;
DROP TABLE reports;
