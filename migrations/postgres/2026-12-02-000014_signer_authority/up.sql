-- The line above the signer's title, on whose behalf the report is signed
-- («T/M ĐẢNG ỦY», «TM. ỦY BAN NHÂN DÂN», «KT. BÍ THƯ»...). NULL: the
-- format's own. Keep in step with ../../sqlite.
ALTER TABLE report_headers ADD COLUMN signer_authority TEXT;
