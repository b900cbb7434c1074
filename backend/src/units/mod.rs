//! Units: the tree of province, commune, villages and mass organisations.

pub mod model;
pub mod routes;
pub mod service;
