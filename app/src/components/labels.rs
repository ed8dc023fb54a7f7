//! What enums are called on the page, in the page's language (as `Msg` keys, looked up with `t`).
use crate::domain::{ConsentFilter, ConsentPurpose, InvitationStatus, ListSort, SourceChannel};
use crate::i18n::Msg;

pub use super::i18n::stage_label;

pub fn source_label(source: SourceChannel) -> Msg {
    match source {
        SourceChannel::Website => Msg::SourceWebsite,
        SourceChannel::JobBoard => Msg::SourceJobBoard,
        SourceChannel::Referral => Msg::SourceReferral,
        SourceChannel::InfoSession => Msg::SourceInfoSession,
        SourceChannel::Agency => Msg::SourceAgency,
        SourceChannel::Sourcing => Msg::SourceSourcing,
        SourceChannel::Import => Msg::SourceImport,
        SourceChannel::Other => Msg::SourceOther,
    }
}

pub fn consent_filter_label(filter: ConsentFilter) -> Msg {
    match filter {
        ConsentFilter::TalentPool => Msg::PurposeTalentPool,
        ConsentFilter::JobNews => Msg::PurposeJobNews,
        ConsentFilter::AgencyReferral => Msg::ConsentFilterReferred,
        ConsentFilter::NoneOptional => Msg::ConsentFilterNone,
    }
}

pub fn sort_label(sort: ListSort) -> Msg {
    match sort {
        ListSort::Newest => Msg::SortNewest,
        ListSort::Oldest => Msg::SortOldest,
        ListSort::Name => Msg::SortName,
    }
}

pub fn purpose_title(purpose: ConsentPurpose) -> Msg {
    match purpose {
        ConsentPurpose::Selection => Msg::PurposeSelection,
        ConsentPurpose::TalentPool => Msg::PurposeTalentPool,
        ConsentPurpose::JobNews => Msg::PurposeJobNews,
        ConsentPurpose::AgencyReferral => Msg::PurposeAgencyReferral,
    }
}

pub fn invitation_status_label(status: InvitationStatus) -> Msg {
    match status {
        InvitationStatus::Sent => Msg::InvStatusSent,
        InvitationStatus::Accepted => Msg::InvStatusAccepted,
        InvitationStatus::Declined => Msg::InvStatusDeclined,
        InvitationStatus::Snoozed => Msg::InvStatusSnoozed,
        InvitationStatus::Expired => Msg::InvStatusExpired,
    }
}
