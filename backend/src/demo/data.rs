//! The demo commune, modelled on the commune of the sample report in the
//! domain notes: its villages, its mass organisations, and indicators that
//! its report names.

use tonghop_shared::api::{Aggregation, Role};
use tonghop_shared::rules::{RuleKind, Severity};

/// An indicator: code, name, unit, aggregation, decimals shown, decimals
/// entered, higher is better, help, maximum, and for rates the numerator and
/// denominator codes.
pub struct DemoIndicator {
    pub code: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub aggregation: Aggregation,
    pub precision: u32,
    pub input_precision: u32,
    pub higher_is_better: bool,
    pub help: &'static str,
    pub max: Option<i64>,
    pub rate_of: Option<(&'static str, &'static str)>,
}

const fn ind(
    code: &'static str,
    name: &'static str,
    unit: &'static str,
    aggregation: Aggregation,
    precision: u32,
    help: &'static str,
) -> DemoIndicator {
    DemoIndicator {
        code,
        name,
        unit,
        aggregation,
        precision,
        input_precision: precision,
        higher_is_better: true,
        help,
        max: None,
        rate_of: None,
    }
}

/// Figures entered with more decimals than the report shows.
const fn entered_to(mut i: DemoIndicator, places: u32) -> DemoIndicator {
    i.input_precision = places;
    i
}

const fn lower_better(mut i: DemoIndicator) -> DemoIndicator {
    i.higher_is_better = false;
    i
}

const fn rate(mut i: DemoIndicator, numerator: &'static str, denominator: &'static str) -> DemoIndicator {
    i.rate_of = Some((numerator, denominator));
    i
}

const fn max(mut i: DemoIndicator, max: i64) -> DemoIndicator {
    i.max = Some(max);
    i
}

use Aggregation::{Criteria, Flow, Rate, Stock};

/// The indicators.
pub const INDICATORS: &[DemoIndicator] = &[
    ind("GRAIN_OUTPUT", "Sản lượng lương thực có hạt", "tấn", Flow, 1, "Thóc và ngô thu hoạch trong kỳ"),
    ind("SOWN_AREA", "Diện tích gieo trồng", "ha", Flow, 1, "Diện tích gieo trồng các loại cây trong kỳ"),
    // Reported in whole hectares ("trên 85ha ... bằng 103% CK"), yet last
    // year's figure was 82,5 ha.
    entered_to(ind("AFFORESTATION", "Diện tích trồng rừng mới", "ha", Flow, 0, "Chủ yếu là keo"), 1),
    ind("LAND_CONSOLIDATION", "Diện tích tích tụ, tập trung đất đai", "ha", Flow, 1, ""),
    ind("NEW_ENTERPRISES", "Doanh nghiệp thành lập mới", "doanh nghiệp", Flow, 0, ""),
    ind("BUDGET_REVENUE", "Tổng thu ngân sách xã", "triệu đồng", Flow, 0, "Lũy kế theo dự toán năm"),
    ind("LAND_USE_FEES", "Thu tiền sử dụng đất", "triệu đồng", Flow, 0, ""),
    ind("LAND_CERTIFICATES", "Giấy chứng nhận quyền sử dụng đất đã cấp", "giấy", Flow, 0, ""),
    ind("MEDICAL_VISITS", "Lượt khám, chữa bệnh tại trạm y tế", "lượt", Flow, 0, ""),
    ind("SOCIAL_GIFTS", "Suất quà tặng đối tượng chính sách, hộ nghèo", "suất", Flow, 0, ""),
    ind("MILITARY_RECRUITS", "Thanh niên lên đường nhập ngũ", "người", Flow, 0, ""),
    lower_better(ind("TRAFFIC_ACCIDENTS", "Số vụ tai nạn giao thông", "vụ", Flow, 0, "Xảy ra trên địa bàn thôn trong kỳ")),
    lower_better(ind("PUBLIC_ORDER_INCIDENTS", "Số vụ gây mất trật tự", "vụ", Flow, 0, "")),
    ind("NEW_PARTY_MEMBERS", "Đảng viên mới kết nạp", "đảng viên", Flow, 0, "Kết nạp trong kỳ"),
    ind("CATTLE", "Tổng đàn gia súc", "con", Stock, 0, "Trâu, bò, lợn hiện có cuối kỳ, không tính trang trại lớn"),
    ind("POULTRY", "Tổng đàn gia cầm", "con", Stock, 0, "Gà, vịt, ngan hiện có cuối kỳ"),
    ind("HOUSEHOLDS", "Tổng số hộ", "hộ", Stock, 0, "Số hộ đang sinh sống trên địa bàn"),
    lower_better(ind("POOR_HOUSEHOLDS", "Số hộ nghèo", "hộ", Stock, 0, "Theo kết quả rà soát hộ nghèo")),
    lower_better(ind("NEAR_POOR_HOUSEHOLDS", "Số hộ cận nghèo", "hộ", Stock, 0, "")),
    ind("POPULATION", "Dân số", "người", Stock, 0, "Nhân khẩu thường trú"),
    ind("INSURED_PEOPLE", "Số người tham gia bảo hiểm y tế", "người", Stock, 0, "Có thẻ BHYT còn hạn"),
    lower_better(rate(ind("POVERTY_RATE", "Tỷ lệ hộ nghèo", "%", Rate, 2, "Số hộ nghèo trên tổng số hộ"), "POOR_HOUSEHOLDS", "HOUSEHOLDS")),
    lower_better(rate(ind("NEAR_POVERTY_RATE", "Tỷ lệ hộ cận nghèo", "%", Rate, 2, ""), "NEAR_POOR_HOUSEHOLDS", "HOUSEHOLDS")),
    rate(ind("HEALTH_INSURANCE_RATE", "Tỷ lệ người dân tham gia BHYT", "%", Rate, 1, ""), "INSURED_PEOPLE", "POPULATION"),
    max(ind("NTM_CRITERIA", "Số tiêu chí nông thôn mới đạt", "tiêu chí", Criteria, 0, "Theo bộ tiêu chí xã nông thôn mới"), 19),
    ind("MEMBERS_RECRUITED", "Hội viên, đoàn viên mới kết nạp", "người", Flow, 0, ""),
    ind("MODELS_MAINTAINED", "Mô hình, câu lạc bộ duy trì hoạt động", "mô hình", Stock, 0, ""),
];

/// Indicators of the village monthly form, in display order.
pub const VILLAGE_FORM: &[&str] = &[
    "GRAIN_OUTPUT",
    "SOWN_AREA",
    "AFFORESTATION",
    "CATTLE",
    "POULTRY",
    "HOUSEHOLDS",
    "POOR_HOUSEHOLDS",
    "NEAR_POOR_HOUSEHOLDS",
    "POPULATION",
    "INSURED_PEOPLE",
    "NEW_PARTY_MEMBERS",
    "TRAFFIC_ACCIDENTS",
    "PUBLIC_ORDER_INCIDENTS",
];

/// Indicators of the mass organisations' monthly form.
pub const MASS_ORG_FORM: &[&str] = &["MEMBERS_RECRUITED", "SOCIAL_GIFTS", "MODELS_MAINTAINED"];

/// A rule: indicator, kind, the other indicator, maximum, severity, message.
pub type DemoRule = (&'static str, RuleKind, Option<&'static str>, Option<i64>, Severity, Option<&'static str>);

/// Checks between and on the village figures.
pub const RULES: &[DemoRule] = &[
    ("POOR_HOUSEHOLDS", RuleKind::NotGreaterThan, Some("HOUSEHOLDS"), None, Severity::Hard, None),
    ("NEAR_POOR_HOUSEHOLDS", RuleKind::NotGreaterThan, Some("HOUSEHOLDS"), None, Severity::Hard, None),
    ("INSURED_PEOPLE", RuleKind::NotGreaterThan, Some("POPULATION"), None, Severity::Hard, None),
    ("TRAFFIC_ACCIDENTS", RuleKind::Range, None, Some(5), Severity::Soft, Some("Số vụ tai nạn cao bất thường, kiểm tra lại")),
];

/// Villages: code, name, login.
pub const VILLAGES: &[(&str, &str, &str)] = &[
    ("XP-BANGOC", "Thôn Ba Ngọc", "thon.bangoc"),
    ("XP-LANGSUNG", "Thôn Làng Sung", "thon.langsung"),
    ("XP-DADUNG", "Thôn Đá Dựng", "thon.dadung"),
    ("XP-LANGBAI", "Thôn Làng Bài", "thon.langbai"),
    ("XP-XUANTHANH", "Thôn Xuân Thành", "thon.xuanthanh"),
    ("XP-PHUXUAN", "Thôn Phú Xuân", "thon.phuxuan"),
];

/// Mass organisations: code, name, login.
pub const MASS_ORGS: &[(&str, &str, &str)] = &[
    ("XP-MTTQ", "Ủy ban MTTQ Việt Nam xã", "mttq.xuanphu"),
    ("XP-PHUNU", "Hội Liên hiệp Phụ nữ xã", "phunu.xuanphu"),
    ("XP-DOANTN", "Đoàn Thanh niên xã", "doantn.xuanphu"),
    ("XP-NONGDAN", "Hội Nông dân xã", "nongdan.xuanphu"),
    ("XP-CCB", "Hội Cựu chiến binh xã", "ccb.xuanphu"),
];

/// Demo logins: username, display name, password, role (unit set by code).
pub const STAFF: &[(&str, &str, &str, Role, &str)] = &[
    ("admin", "Quản trị hệ thống", "admin2026", Role::Admin, "TH"),
    ("tinh.thanhhoa", "Văn phòng Tỉnh ủy Thanh Hóa", "tinh2026", Role::Viewer, "TH"),
    ("vp.xuanphu", "Văn phòng Đảng ủy xã Xuân Phú", "xuanphu2026", Role::Commune, "XP"),
];

/// Password of every village login.
pub const VILLAGE_PASSWORD: &str = "thon2026";
/// Password of every mass organisation login.
pub const MASS_ORG_PASSWORD: &str = "doanthe2026";

/// The commune's plans for the current year: indicator, plan, a resolution
/// target, judged only at year end.
pub const PLANS: &[(&str, i64, bool, bool)] = &[
    ("GRAIN_OUTPUT", 1_400, true, false),
    ("SOWN_AREA", 760, true, false),
    ("AFFORESTATION", 60, true, false),
    ("CATTLE", 1_700, true, false),
    ("POULTRY", 62_000, true, false),
    ("NEW_PARTY_MEMBERS", 15, true, false),
    ("TRAFFIC_ACCIDENTS", 6, true, false),
    ("BUDGET_REVENUE", 2_657, true, false),
    ("NTM_CRITERIA", 19, true, true),
    ("HEALTH_INSURANCE_RATE", 90, true, false),
    ("MEMBERS_RECRUITED", 120, true, false),
    ("HOUSEHOLDS", 2_150, false, false),
];

/// The commune's poverty-rate target, in hundredths of a percent (1,5%).
pub const POVERTY_RATE_PLAN_HUNDREDTHS: i64 = 150;

/// The demo's public holidays, in force everywhere: the days the Labour
/// Code fixes on the solar calendar, this year and the next, and the days
/// the government announced for 2026 (Tết Bính Ngọ from 14 to 22 February;
/// Giỗ Tổ Hùng Vương fell on Sunday 26 April, so Monday 27 April instead).
/// A real deployment enters each year's announcement itself.
pub fn holidays(year: i32) -> Vec<(chrono::NaiveDate, &'static str)> {
    let day = |y: i32, m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let mut out = Vec::new();
    for y in [year, year + 1] {
        out.extend([
            (day(y, 1, 1), "Tết Dương lịch"),
            (day(y, 4, 30), "Ngày Giải phóng miền Nam"),
            (day(y, 5, 1), "Ngày Quốc tế Lao động"),
        ]);
        out.extend([(day(y, 9, 2), "Quốc khánh")]);
        if y == 2026 {
            out.extend((14..=22).map(|d| (day(2026, 2, d), "Tết Nguyên đán")));
            out.push((day(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù)"));
        }
    }
    out.into_iter().filter_map(|(d, name)| Some((d?, name))).collect()
}
