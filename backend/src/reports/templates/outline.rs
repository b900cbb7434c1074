//! The usual outline of a commune's periodic report, built into tonghop:
//! the parts, and which indicators each part of the results speaks about.
//! An indicator with figures that no part names goes to «Các chỉ tiêu
//! khác». Units keep their own outlines as templates (`templates.rs`).

use tonghop_shared::api::{OutlineContent, OutlineEntry, ReportTemplate};

/// The name of the built-in template.
pub const USUAL_NAME: &str = "Mẫu chung của tonghop";

fn part(level: u8, heading: &str, content: OutlineContent) -> OutlineEntry {
    OutlineEntry { level, heading: heading.to_owned(), content }
}

fn figures(codes: &[&str]) -> OutlineContent {
    OutlineContent::Figures { indicators: codes.iter().map(|c| (*c).to_owned()).collect() }
}

fn prompt(text: &str) -> OutlineContent {
    OutlineContent::Prompt { text: text.to_owned() }
}

/// The usual outline (results by field with figures; Party building; the
/// Front and mass organisations; limitations and causes; assessment; tasks).
pub fn usual() -> Vec<OutlineEntry> {
    vec![
        part(0, "Phần thứ nhất\nKẾT QUẢ THỰC HIỆN NHIỆM VỤ {period}", OutlineContent::Heading),
        part(1, "I. KẾT QUẢ ĐẠT ĐƯỢC", OutlineContent::TargetSummary),
        part(
            2,
            "1. Phát triển kinh tế",
            figures(&[
                "GRAIN_OUTPUT",
                "SOWN_AREA",
                "AFFORESTATION",
                "LAND_CONSOLIDATION",
                "CATTLE",
                "POULTRY",
                "NEW_ENTERPRISES",
                "BUDGET_REVENUE",
                "LAND_USE_FEES",
                "LAND_CERTIFICATES",
                "NTM_CRITERIA",
            ]),
        ),
        part(
            2,
            "2. Văn hóa - xã hội",
            figures(&[
                "HOUSEHOLDS",
                "POPULATION",
                "POOR_HOUSEHOLDS",
                "POVERTY_RATE",
                "NEAR_POOR_HOUSEHOLDS",
                "NEAR_POVERTY_RATE",
                "INSURED_PEOPLE",
                "HEALTH_INSURANCE_RATE",
                "MEDICAL_VISITS",
                "SOCIAL_GIFTS",
            ]),
        ),
        part(2, "3. Quốc phòng - an ninh", figures(&["MILITARY_RECRUITS", "TRAFFIC_ACCIDENTS", "PUBLIC_ORDER_INCIDENTS"])),
        part(2, "4. Công tác xây dựng Đảng", figures(&["NEW_PARTY_MEMBERS"])),
        part(2, "5. Hoạt động của Mặt trận Tổ quốc và các đoàn thể", OutlineContent::Sections),
        part(2, "6. Các chỉ tiêu khác", OutlineContent::OtherFigures),
        part(1, "II. HẠN CHẾ, NGUYÊN NHÂN", prompt("Nêu những hạn chế, yếu kém và nguyên nhân.")),
        part(1, "III. ĐÁNH GIÁ CHUNG", prompt("Đánh giá chung kết quả thực hiện nhiệm vụ trong kỳ.")),
        part(0, "Phần thứ hai\nPHƯƠNG HƯỚNG, NHIỆM VỤ {next}", prompt("Nêu các nhiệm vụ, giải pháp trọng tâm kỳ tới.")),
    ]
}

/// The built-in template as the API shows it.
pub fn usual_template() -> ReportTemplate {
    ReportTemplate { id: None, unit_id: None, name: USUAL_NAME.to_owned(), outline: usual() }
}
