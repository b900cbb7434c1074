DROP TABLE section_reviews;
DROP TABLE sections;
