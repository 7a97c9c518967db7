-- Issue 18: invitation mail is queued (event publication registry) and retried; the inviter
-- sees whether it went out. mail_problem is the last failure, cleared once it is sent.
ALTER TABLE identity_invitation ADD COLUMN mailed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE identity_invitation ADD COLUMN mail_problem VARCHAR(300);
