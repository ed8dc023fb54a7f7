-- The first published version of each purpose's policy text, so that consent can be asked on any installation.
-- Admins publish later versions in /admin/policies; records stay bound to the version they accepted.
INSERT INTO policy_versions (id, purpose, version, text_ja, text_en, published_at) VALUES
('policy-selection-v1', 'selection', 1,
 'ご応募いただいた氏名・連絡先・経歴などの情報を、この採用選考（書類選考・面接・結果のご連絡）のためにのみ利用します。選考に関わる社内の担当者のみが閲覧します。',
 'We use the name, contact details, background and other information you applied with only for this selection (screening, interviews and telling you the result). Only the people involved in the selection can see it.',
 1767225600000),
('policy-talent_pool-v1', 'talent_pool', 1,
 '選考の終了後も、あなたの情報を最長3年間保管し、今後の求人であなたに合うものがあるか検討するために利用します。撤回すると、法令で保管が必要なものを除き、選考終了後に情報を削除します。',
 'After this selection ends we keep your information for up to three years to consider you for future roles that may suit you. If you withdraw, we delete it when the selection ends, except what the law obliges us to keep.',
 1767225600000),
('policy-job_news-v1', 'job_news', 1,
 '新しい求人、再応募のご案内、説明会のお知らせをメールでお送りします。配信頻度や受け取る話題は連絡設定で選べます。',
 'We e-mail you about new jobs, invitations to apply again and information sessions. You choose how often and about what in your contact preferences.',
 1767225600000),
('policy-agency_referral-v1', 'agency_referral', 1,
 'あなたが同意した提携人材紹介会社に限り、あなたが選んだ項目（氏名・連絡先・スキルなど）を、その会社があなたに求人を紹介する目的で提供します（個人情報保護法第27条の第三者提供）。提供の記録はマイページで確認でき、同意はいつでも撤回できます。',
 'Only to the partner recruitment agencies you agree to, we provide the items you choose (name, contact details, skills and so on) so that they can introduce jobs to you (a provision to a third party under APPI Art. 27). You can see each provision in your portal and withdraw at any time.',
 1767225600000);
