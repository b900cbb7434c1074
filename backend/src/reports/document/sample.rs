//! A realistic sample report of an invented commune year (Xã Xuân Phú, first
//! half of 2026), for the example program, the tests and the pictures in
//! the README. The figures are invented.

use chrono::NaiveDate;
use tonghop_shared::richtext::parse;

use crate::reports::document::{Appendix, Footnote, Part, Profile, ReportDocument, Signature};

/// The six-month report of Xã Xuân Phú in the given profile.
pub fn xuan_phu_first_half_2026(profile: Profile) -> ReportDocument {
    let (superior_body, issuing_body, number, recipients, signature) = match profile {
        Profile::Party => (
            "ĐẢNG BỘ TỈNH THANH HÓA",
            "ĐẢNG ỦY XÃ XUÂN PHÚ",
            "Số 45-BC/ĐU",
            vec![
                "Ban Thường vụ Tỉnh ủy (b/c),",
                "Thường trực HĐND, UBND xã,",
                "Các đồng chí Đảng ủy viên,",
                "Ủy ban MTTQ và các đoàn thể xã,",
                "Các chi bộ trực thuộc,",
                "Lưu Văn phòng Đảng ủy.",
            ],
            Signature {
                authority: "T/M ĐẢNG ỦY".into(), title: "PHÓ BÍ THƯ THƯỜNG TRỰC".into(), name: "Lê Văn Thắng".into()
            },
        ),
        Profile::State => (
            "",
            "ỦY BAN NHÂN DÂN\nXÃ XUÂN PHÚ",
            "Số: 112/BC-UBND",
            vec!["UBND tỉnh Thanh Hóa (b/c);", "Thường trực Đảng ủy, HĐND xã;", "Ủy ban MTTQ và các đoàn thể xã;", "Lưu: VT, VP."],
            Signature { authority: "TM. ỦY BAN NHÂN DÂN".into(), title: "CHỦ TỊCH".into(), name: "Trần Minh Đức".into() },
        ),
    };
    ReportDocument {
        profile,
        superior_body: superior_body.into(),
        issuing_body: issuing_body.into(),
        number: number.into(),
        place: "Xuân Phú".into(),
        date: SAMPLE_DATE,
        document_type: "BÁO CÁO".into(),
        title: "Kết quả thực hiện nhiệm vụ 6 tháng đầu năm,\nphương hướng, nhiệm vụ 6 tháng cuối năm 2026".into(),
        parts: parts(),
        appendix: Some(appendix()),
        recipients: recipients.into_iter().map(String::from).collect(),
        signature,
    }
}

fn part(level: u8, heading: &str, text: &str) -> Part {
    Part { level, heading: heading.into(), blocks: parse(text), footnotes: Vec::new() }
}

fn parts() -> Vec<Part> {
    let mut economy = part(
        2,
        "1. Phát triển kinh tế",
        "- **Sản xuất nông nghiệp** được mùa: tổng sản lượng lương thực có hạt đạt 1.936 tấn, đạt 60% kế hoạch, bằng 114% cùng kỳ; diện tích gieo trồng vụ Chiêm Xuân 927 ha, đạt 102% KH, bằng 98% CK. Trồng mới 85 ha rừng, đạt 113% KH.\n\
         - **Chăn nuôi** ổn định, không phát sinh dịch bệnh; tổng đàn gia cầm 58.500 con, đạt 50% KH; đàn trâu bò 1.535 con, bằng 103% CK. Hoàn thành tiêm phòng đợt 1 năm 2026.\n\
         - **Tài chính - ngân sách**: tổng thu ngân sách xã đạt 2.657 triệu đồng, đạt 45,7% dự toán năm; thu tiền sử dụng đất 144 triệu đồng, đạt 115,2% dự toán. Chi ngân sách bảo đảm đúng dự toán, kịp thời cho các nhiệm vụ chính trị.\n\
         - Thành lập mới 02 doanh nghiệp, đạt 40% KH; duy trì 10/19 tiêu chí và 49/75 chỉ tiêu xây dựng nông thôn mới nâng cao.",
    );
    economy.footnotes.push(Footnote {
        block: 0,
        item: Some(1),
        text: "Đến ngày 14/6/2026: đàn chó tiêm phòng dại đạt 100% KH; đàn lợn, trâu bò đạt trên 85% KH; tiêm phòng viêm da nổi cục cho đàn trâu bò đạt 92% KH.".into(),
    });
    vec![
        part(0, "Phần thứ nhất\nKẾT QUẢ THỰC HIỆN NHIỆM VỤ 6 THÁNG ĐẦU NĂM 2026", ""),
        part(
            1,
            "I. KẾT QUẢ ĐẠT ĐƯỢC",
            "Thực hiện Nghị quyết số 15-NQ/ĐU ngày 26/12/2025 của Đảng ủy xã về nhiệm vụ năm 2026, trong điều kiện vừa kiện toàn bộ máy sau sắp xếp, các chi bộ, chính quyền và Nhân dân trong xã đã đoàn kết, chủ động triển khai đồng bộ các giải pháp. \
             Kết quả: trong tổng số 27 chỉ tiêu, có **16 chỉ tiêu đạt từ 50% kế hoạch trở lên**, 03 chỉ tiêu đạt dưới 50%, 08 chỉ tiêu *chưa đủ điều kiện đánh giá* (có số liệu vào cuối năm).",
        ),
        economy,
        part(
            2,
            "2. Văn hóa - xã hội",
            "Giáo dục duy trì chất lượng; 100% trẻ 6 tuổi vào lớp 1. Tỷ lệ người dân tham gia BHYT đạt 93,5%, bằng 101% CK. Tỷ lệ hộ nghèo còn *1,87%*, giảm 0,45% so với cuối năm 2025. \
             Các chính sách an sinh xã hội được thực hiện đầy đủ, đúng đối tượng.",
        ),
        part(
            2,
            "3. Quốc phòng - an ninh",
            "Hoàn thành 100% chỉ tiêu giao quân năm 2026 (12/12 thanh niên). Tình hình an ninh chính trị, trật tự an toàn xã hội ổn định; không để xảy ra vụ việc phức tạp.",
        ),
        part(
            2,
            "4. Công tác xây dựng Đảng, chính quyền, Mặt trận và các đoàn thể",
            "Kết nạp 07 đảng viên mới, đạt 58% KH. Mặt trận và các đoàn thể vận động hội viên tham gia các phong trào thi đua; Hội Phụ nữ duy trì 05 mô hình *\"Phụ nữ tiết kiệm\"* với 186 thành viên.",
        ),
        part(
            1,
            "II. HẠN CHẾ, NGUYÊN NHÂN",
            "- Thu ngân sách đạt thấp so với dự toán (45,7%); thành lập doanh nghiệp mới chưa đạt tiến độ.\n\
             - Tiến độ xây dựng các tiêu chí nông thôn mới nâng cao còn chậm.\n\
             \n\
             Nguyên nhân chủ yếu: giá vật tư đầu vào tăng; nguồn lực đầu tư còn hạn chế.",
        ),
        part(0, "Phần thứ hai\nPHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026", ""),
        part(
            3,
            "a) Nhiệm vụ trọng tâm",
            "- Chỉ đạo sản xuất vụ Mùa, phấn đấu sản lượng lương thực cả năm đạt 3.230 tấn.\n\
             - Tập trung thu ngân sách, phấn đấu đạt và vượt dự toán giao.\n\
             - Chuẩn bị tốt các điều kiện tổ chức Đại hội các chi bộ nhiệm kỳ mới.",
        ),
    ]
}

fn appendix() -> Appendix {
    let columns = ["STT", "Chỉ tiêu", "Đơn vị", "KH năm 2026", "Thực hiện 6 tháng", "% KH", "Cùng kỳ 2025", "% CK"];
    let rows = [
        ["1", "Sản lượng lương thực có hạt", "tấn", "3.230", "1.936", "60%", "1.698", "114%"],
        ["2", "Diện tích gieo trồng vụ Chiêm Xuân", "ha", "912", "927", "102%", "946", "98%"],
        ["3", "Trồng rừng tập trung", "ha", "75", "85", "113%", "83", "103%"],
        ["4", "Tổng đàn gia cầm", "con", "117.000", "58.500", "50%", "97.500", "60%"],
        ["5", "Tổng thu ngân sách xã", "triệu đồng", "5.814", "2.657", "45,7%", "2.410", "110,3%"],
        ["6", "Doanh nghiệp thành lập mới", "doanh nghiệp", "5", "2", "40%", "1", "200%"],
        ["7", "Tỷ lệ tham gia BHYT", "%", "95", "93,5", "98,4%", "92,6", "101%"],
        ["8", "Tỷ lệ hộ nghèo", "%", "1,80", "1,87", "", "2,32", ""],
    ];
    Appendix {
        title: "PHỤ LỤC\nKẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2026".into(),
        columns: columns.into_iter().map(String::from).collect(),
        rows: rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect(),
    }
}

/// The sample report's date.
const SAMPLE_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2026, 6, 16) {
    Some(date) => date,
    None => panic!("16 June 2026 is a date"),
};
