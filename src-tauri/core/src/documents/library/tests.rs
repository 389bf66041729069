use super::*;

#[test]
fn dates_of_any_precision_are_printed_in_words() {
    assert_eq!(date_in_words("2024-03-05"), "5 mars 2024");
    assert_eq!(date_in_words("2021-03-01"), "1er mars 2021");
    assert_eq!(date_in_words("2024-03"), "mars 2024");
    assert_eq!(date_in_words("2024"), "2024");
    assert_eq!(date_in_words(" "), "");
    assert_eq!(date_in_words("vers 1990"), "vers 1990");
}
