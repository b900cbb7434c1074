//! Figures as CSV: UTF-8 with a byte order mark, so that Excel reads the
//! Vietnamese names as Vietnamese, CRLF line ends, header names from
//! [`COLUMNS`].
//!
//! Decimals (`decimal=`): `dot` (default) writes `1234.5` and separates fields
//! with `,`, the RFC 4180 file every script, `pandas.read_csv`, Power BI and
//! LibreOffice read as numbers. `comma` writes `1234,5` separated by `;`,
//! what Excel set to Vietnamese (decimal `,`, list separator `;`) opens by
//! double-click with numbers as numbers; a script reading it must be told
//! both. Neither writes thousands separators. For Excel, XLSX avoids the
//! question: its numbers are numbers in any locale.

use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::{BodySize, MessageBody};
use actix_web::web::Bytes;
use tokio::sync::mpsc;
use tonghop_shared::api::DecimalMark;

use super::export::COLUMNS;
use super::query::DataRow;
use crate::error::{ApiError, ApiResult};
use crate::web::tabular;

/// UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn writer(mark: DecimalMark) -> csv::Writer<Vec<u8>> {
    let delimiter = match mark {
        DecimalMark::Dot => b',',
        DecimalMark::Comma => b';',
    };
    csv::WriterBuilder::new().delimiter(delimiter).terminator(csv::Terminator::CRLF).from_writer(Vec::new())
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("csv: {e}"))
}

/// The byte order mark and the header line.
pub fn head(mark: DecimalMark) -> ApiResult<Vec<u8>> {
    let mut w = writer(mark);
    w.write_record(COLUMNS).map_err(internal)?;
    let mut bytes = BOM.to_vec();
    bytes.extend(w.into_inner().map_err(internal)?);
    Ok(bytes)
}

/// Lines for some rows.
pub fn lines(rows: &[DataRow], mark: DecimalMark) -> ApiResult<Vec<u8>> {
    let mut w = writer(mark);
    for row in rows {
        w.write_record(row.cells().iter().map(|c| tabular::csv_field(c, mark))).map_err(internal)?;
    }
    w.into_inner().map_err(internal)
}

/// A response body fed chunk by chunk from a channel. The channel is
/// bounded, so the producer waits while the client is slow: at most a few
/// chunks are held in memory. An error after the headers went out closes the
/// connection, so a truncated file is never mistaken for a whole one.
pub struct ChunkedBody(pub mpsc::Receiver<Result<Bytes, std::io::Error>>);

impl MessageBody for ChunkedBody {
    type Error = std::io::Error;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, Self::Error>>> {
        self.get_mut().0.poll_recv(cx)
    }
}
