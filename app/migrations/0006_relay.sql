-- Career relay: the rejection's internal note, provision records that keep the recipient's details as they
-- were when the data was provided, the moment a candidate withdrew, and mail templates admins can edit.
ALTER TABLE applications ADD COLUMN decline_note TEXT;
ALTER TABLE referrals ADD COLUMN agency_name_snapshot TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN agency_address_snapshot TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN agency_representative_snapshot TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN withdrawn_at BIGINT;
-- one provision per consent record: a double submit cannot provide twice
CREATE UNIQUE INDEX referrals_consent_record ON referrals (consent_record_id);
CREATE INDEX referrals_month ON referrals (provided_at);
CREATE INDEX users_agency ON users (agency_id);
CREATE INDEX credit_redemptions_agency ON credit_redemptions (agency_id, redeemed_at);
CREATE INDEX mail_outbox_kind ON mail_outbox (kind, created_at);

CREATE TABLE mail_templates (
    kind TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('ja', 'en')),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_by TEXT REFERENCES users (id),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (kind, language)
);

-- A first managed list of reasons, so that a new installation can reject and decline with a reason.
INSERT INTO decline_reasons (id, side, label_ja, label_en, created_at) VALUES
    ('reason-company-experience', 'company', '必要な経験が不足', 'Not enough relevant experience', 0),
    ('reason-company-other-candidate', 'company', '他の候補者を選考', 'Another candidate was chosen', 0),
    ('reason-company-closed', 'company', '募集終了', 'Position closed', 0),
    ('reason-company-terms', 'company', '条件の不一致', 'Terms did not match', 0),
    ('reason-candidate-other-offer', 'candidate', '他社に決定', 'Accepted another offer', 0),
    ('reason-candidate-terms', 'candidate', '条件の不一致', 'Terms did not match', 0),
    ('reason-candidate-personal', 'candidate', '事情により辞退', 'Personal reasons', 0);
