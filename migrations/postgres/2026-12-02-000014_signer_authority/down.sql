ALTER TABLE report_headers DROP COLUMN signer_authority;
