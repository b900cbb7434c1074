//! Who may do what where. Every handler asks one of these before touching a
//! unit's data; the answers depend only on the caller's role and where the
//! target sits in the tree relative to the caller's unit.
//!
//! | role     | reads              | enters figures     | reviews, manages units and users |
//! |----------|--------------------|--------------------|----------------------------------|
//! | admin    | everything         | everywhere         | everywhere                       |
//! | commune  | its unit and below | its unit and below | below its unit (reviews: its own unit too, four eyes) |
//! | reporter | its own unit       | its own unit       | nothing                          |
//! | viewer   | its unit and below | nothing            | nothing                          |
//!
//! Annual plans are set by the commune office for its unit and below.

use tonghop_shared::api::{ReviewAction, Role};

use super::extractor::AuthUser;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::units::model::{self as units, UnitRow};

impl AuthUser {
    /// Every unit the caller may read ([`Self::can_read`]), top-down:
    /// everything for an administrator, a reporter's own unit, the unit
    /// and everything below it otherwise. The one place that lists them.
    pub fn readable_units(&self, conn: &mut DbConn) -> diesel::QueryResult<Vec<UnitRow>> {
        match self.role {
            Role::Admin => units::all(conn),
            Role::Reporter => Ok(vec![self.unit.clone()]),
            Role::Commune | Role::Viewer => units::subtree(conn, &self.unit),
        }
    }

    /// A unit the caller may read: 404 when there is none, 403 when it is
    /// not the caller's to read.
    pub fn readable_unit(&self, conn: &mut DbConn, id: i64) -> ApiResult<UnitRow> {
        let unit = units::find(conn, id)?;
        Self::require(self.can_read(&unit))?;
        Ok(unit)
    }

    /// The units the caller may read at `root` and below it (`root` alone
    /// when `descendants` is false), top-down; a 403 when it may not read
    /// `root` itself.
    pub fn readable_under(&self, conn: &mut DbConn, root: &UnitRow, descendants: bool) -> ApiResult<Vec<UnitRow>> {
        Self::require(self.can_read(root))?;
        if !descendants {
            return Ok(vec![root.clone()]);
        }
        Ok(units::subtree(conn, root)?.into_iter().filter(|u| self.can_read(u)).collect())
    }

    /// May see this unit and its data.
    pub fn can_read(&self, unit: &UnitRow) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Commune | Role::Viewer => self.unit.contains(unit),
            Role::Reporter => self.unit.id == unit.id,
        }
    }

    /// May enter and submit this unit's figures. The commune office may do it
    /// for a village without a phone; the audit log says who did.
    pub fn can_enter_data(&self, unit: &UnitRow) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Commune => self.unit.contains(unit),
            Role::Reporter => self.unit.id == unit.id,
            Role::Viewer => false,
        }
    }

    /// May create, rename, move or deactivate this unit, or manage its users.
    /// A commune office manages what is below it, not itself.
    pub fn can_manage(&self, unit: &UnitRow) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Commune => self.unit.contains(unit) && self.unit.id != unit.id,
            Role::Reporter | Role::Viewer => false,
        }
    }

    /// May return, approve or reopen this unit's figures and sections at
    /// all: the commune office for the units below it and for its own unit,
    /// administrators everywhere. Who may take which decision on a given
    /// row is [`Self::may_decide`].
    pub fn can_review(&self, unit: &UnitRow) -> bool {
        self.can_manage(unit) || (self.role == Role::Commune && self.unit.id == unit.id)
    }

    /// May take `action` on a unit's figures or section last submitted by
    /// `submitted_by`. Nobody approves what they submitted: the commune's own
    /// figures (budget revenue, criteria) are approved by another account of
    /// the commune office, or an administrator. The refusal says why.
    pub fn may_decide(&self, unit: &UnitRow, action: ReviewAction, submitted_by: Option<i64>) -> ApiResult<()> {
        if !self.can_review(unit) {
            return Err(ApiError::ForbiddenBecause(
                "Chỉ văn phòng xã quản lý đơn vị này (hoặc quản trị viên) mới trả lại, duyệt hay mở lại báo cáo của đơn vị".into(),
            ));
        }
        if action == ReviewAction::Approve && !self.is_admin() && self.unit.id == unit.id && submitted_by == Some(self.id) {
            return Err(ApiError::ForbiddenBecause(
                "Bạn đã gửi số liệu này của chính văn phòng xã nên không tự duyệt được: một tài khoản khác của văn phòng xã (hoặc quản trị viên) sẽ duyệt".into(),
            ));
        }
        Ok(())
    }

    /// May place a new unit under `parent` (`None`: a new root).
    pub fn can_add_under(&self, parent: Option<&UnitRow>) -> bool {
        match (self.role, parent) {
            (Role::Admin, _) => true,
            (Role::Commune, Some(parent)) => self.unit.contains(parent),
            _ => false,
        }
    }

    /// May set this unit's annual plans: the commune office for the commune
    /// and its villages (the resolution is the commune's), administrators
    /// anywhere.
    pub fn can_plan(&self, unit: &UnitRow) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Commune => self.unit.contains(unit),
            Role::Reporter | Role::Viewer => false,
        }
    }

    /// Only administrators.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Turns a refused check into 403.
    pub fn require(allowed: bool) -> ApiResult<()> {
        if allowed { Ok(()) } else { Err(ApiError::Forbidden) }
    }
}
