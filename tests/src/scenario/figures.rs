//! Figures as a test writes them: by indicator code, from a form.

use tonghop_shared::Amount;
use tonghop_shared::api::{Form, Submission, ValueInput};

/// A figure from a literal (`amount(260)`, `amount(1936.5)`), exact to four places.
pub fn amount(value: impl Into<f64>) -> Amount {
    let value = value.into();
    Amount::from_f64(value).unwrap_or_else(|| panic!("{value} is no figure"))
}

/// A form's figures by indicator code.
pub trait FormFigures {
    /// The id of the form's indicator `code`.
    fn indicator_id(&self, code: &str) -> i64;
    /// Every indicator of the form at `value`.
    fn every_figure(&self, value: impl Into<f64>) -> Vec<ValueInput>;
    /// Only the indicator `code`, at `value`.
    fn figure(&self, code: &str, value: impl Into<f64>) -> Vec<ValueInput>;
    /// Every indicator at `otherwise`, but those `given`.
    fn figures(&self, otherwise: f64, given: &[(&str, f64)]) -> Vec<ValueInput>;
}

fn input(indicator_id: i64, value: f64) -> ValueInput {
    ValueInput { indicator_id, value: Some(amount(value)), comment: None }
}

impl FormFigures for Form {
    fn indicator_id(&self, code: &str) -> i64 {
        self.indicators.iter().find(|i| i.code == code).unwrap_or_else(|| panic!("{} has no {code}", self.code)).id
    }

    fn every_figure(&self, value: impl Into<f64>) -> Vec<ValueInput> {
        self.figures(value.into(), &[])
    }

    fn figure(&self, code: &str, value: impl Into<f64>) -> Vec<ValueInput> {
        vec![input(self.indicator_id(code), value.into())]
    }

    fn figures(&self, otherwise: f64, given: &[(&str, f64)]) -> Vec<ValueInput> {
        for (code, _) in given {
            self.indicator_id(code);
        }
        let value = |code: &str| given.iter().find(|(c, _)| *c == code).map_or(otherwise, |(_, v)| *v);
        self.indicators.iter().map(|i| input(i.id, value(&i.code))).collect()
    }
}

/// A submission's figures by indicator code.
pub trait SubmissionFigures {
    /// The stored figure of `code` (`None` when not entered).
    fn value_of(&self, code: &str) -> Option<Amount>;
}

impl SubmissionFigures for Submission {
    fn value_of(&self, code: &str) -> Option<Amount> {
        self.values.iter().find(|v| v.indicator_code == code).unwrap_or_else(|| panic!("no figure {code}")).value
    }
}
