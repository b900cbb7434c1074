//! Which figures count, said once for every query that sums or lists them
//! (`totals/query.rs`, `data/query.rs`): a submission's figures count when
//! it is approved, and also when it is submitted if provisional figures are
//! asked for; a draft or a returned submission never counts. (An imported
//! monthly figure counts as approved unless the app has a figure of that
//! unit, month and indicator that counts.) The statuses are bound values,
//! spelled by `SubmissionStatus` itself.

use tonghop_shared::api::SubmissionStatus;

use crate::db::raw::Bind;

/// The statuses whose figures count.
pub fn statuses(include_provisional: bool) -> &'static [SubmissionStatus] {
    if include_provisional { &[SubmissionStatus::Approved, SubmissionStatus::Submitted] } else { &[SubmissionStatus::Approved] }
}

/// `column IN (?, …)`: the submission's status is one that counts; and the
/// binds of its placeholders, in order.
pub fn status_in(column: &str, include_provisional: bool) -> (String, Vec<Bind>) {
    let statuses = statuses(include_provisional);
    let placeholders = vec!["?"; statuses.len()].join(", ");
    (format!("{column} IN ({placeholders})"), statuses.iter().map(|s| Bind::Text(s.as_str().to_owned())).collect())
}

/// 0 for a figure that is approved, 1 for one that counts only as
/// provisional; and its bind.
pub fn provisional(column: &str) -> (String, Vec<Bind>) {
    (format!("CASE WHEN {column} = ? THEN 0 ELSE 1 END"), vec![Bind::Text(SubmissionStatus::Approved.as_str().to_owned())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approved_figures_count_and_submitted_ones_only_when_asked() {
        assert_eq!(status_in("s.status", false).0, "s.status IN (?)");
        assert_eq!(status_in("s.status", true).0, "s.status IN (?, ?)");
        assert!(matches!(&status_in("s.status", true).1[..], [Bind::Text(a), Bind::Text(b)] if a == "approved" && b == "submitted"));
        assert!(!statuses(true).contains(&SubmissionStatus::Draft) && !statuses(true).contains(&SubmissionStatus::Returned));
    }
}
