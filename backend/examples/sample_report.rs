//! Writes the sample six-month report of Xã Xuân Phú as a Word file.
//!
//! `cargo run -p tonghop-backend --example sample_report -- out.docx [party|state]`

use tonghop::reports::document::{Profile, sample};
use tonghop::reports::docx;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "sample-report.docx".into());
    let profile = match args.next().as_deref() {
        None | Some("party") => Profile::Party,
        Some("state") => Profile::State,
        Some(other) => return Err(format!("unknown profile {other:?}: use party or state").into()),
    };
    let bytes = docx::write(&sample::xuan_phu_first_half_2026(profile))?;
    std::fs::write(&path, bytes)?;
    println!("wrote {path}");
    Ok(())
}
