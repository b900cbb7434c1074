//! The usual outline of a commune's periodic report, as data: the parts, and
//! which indicators each part of the results speaks about. An indicator with
//! figures that no part names goes to «Các chỉ tiêu khác».

/// What a part of the outline holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// A heading only; the parts below it carry the text.
    Heading,
    /// The sentence counting the resolution targets on track.
    TargetSummary,
    /// One sentence per indicator with figures, as a dash list.
    Figures(&'static [&'static str]),
    /// The approved activity sections of the mass organisations.
    Sections,
    /// Text the office writes; the draft carries a prompt in italics.
    Prompt(&'static str),
}

/// One part of the outline.
#[derive(Debug, Clone, Copy)]
pub struct OutlinePart {
    /// Heading level, as in [`super::document::Part::level`].
    pub level: u8,
    /// The heading; `{period}` and `{next}` are replaced by the period's
    /// label and the next period's, upper-cased in level-0 headings.
    pub heading: &'static str,
    /// What goes under it.
    pub content: Content,
}

const fn part(level: u8, heading: &'static str, content: Content) -> OutlinePart {
    OutlinePart { level, heading, content }
}

/// The default outline (results by field with figures; Party building; the
/// Front and mass organisations; limitations and causes; assessment; tasks).
pub const DEFAULT: &[OutlinePart] = &[
    part(0, "Phần thứ nhất\nKẾT QUẢ THỰC HIỆN NHIỆM VỤ {period}", Content::Heading),
    part(1, "I. KẾT QUẢ ĐẠT ĐƯỢC", Content::TargetSummary),
    part(
        2,
        "1. Phát triển kinh tế",
        Content::Figures(&[
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
        Content::Figures(&[
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
    part(2, "3. Quốc phòng - an ninh", Content::Figures(&["MILITARY_RECRUITS", "TRAFFIC_ACCIDENTS", "PUBLIC_ORDER_INCIDENTS"])),
    part(2, "4. Công tác xây dựng Đảng", Content::Figures(&["NEW_PARTY_MEMBERS"])),
    part(2, "5. Hoạt động của Mặt trận Tổ quốc và các đoàn thể", Content::Sections),
    part(2, "6. Các chỉ tiêu khác", Content::Figures(&[])),
    part(1, "II. HẠN CHẾ, NGUYÊN NHÂN", Content::Prompt("Nêu những hạn chế, yếu kém và nguyên nhân.")),
    part(1, "III. ĐÁNH GIÁ CHUNG", Content::Prompt("Đánh giá chung kết quả thực hiện nhiệm vụ trong kỳ.")),
    part(0, "Phần thứ hai\nPHƯƠNG HƯỚNG, NHIỆM VỤ {next}", Content::Prompt("Nêu các nhiệm vụ, giải pháp trọng tâm kỳ tới.")),
];
