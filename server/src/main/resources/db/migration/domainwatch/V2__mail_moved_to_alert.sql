-- Matches are mailed by the alert module now, as a digest per organisation (alert_domain_match).
DROP TABLE domainwatch_mail;
