//! Printed documents (programme, attendance sheets).
