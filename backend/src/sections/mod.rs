//! Activity sections: the text a mass organisation (or any unit the commune
//! asks) writes for a period. Saved on the server as the writer types, then
//! submitted, returned with reasons or approved like figures, and placed in
//! the commune's report.

pub mod model;
pub mod routes;
pub mod service;
