-- Local accounts an admin creates get a one-time password that must be changed at first sign-in (and again after a reset).
ALTER TABLE local_account ADD COLUMN password_change_required BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE local_account ADD COLUMN password_changed_at TIMESTAMP WITH TIME ZONE;
