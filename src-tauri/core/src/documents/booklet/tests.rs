use super::saddle_stitch_order;

#[test]
fn eight_pages_make_two_sheets_in_saddle_stitch_order() {
    // Sheet 0: front 8 | 1, back 2 | 7; sheet 1: front 6 | 3, back 4 | 5.
    assert_eq!(saddle_stitch_order(8), [(8, 1), (2, 7), (6, 3), (4, 5)]);
}

#[test]
fn a_page_count_is_padded_to_a_multiple_of_four() {
    // 5 pages become 8: pages 6, 7 and 8 are blank.
    assert_eq!(saddle_stitch_order(5), saddle_stitch_order(8));
    assert_eq!(saddle_stitch_order(1), [(4, 1), (2, 3)]);
    assert!(saddle_stitch_order(0).is_empty());
}

#[test]
fn every_page_is_placed_once_and_facing_pages_add_up() {
    for n in 1..=40 {
        let order = saddle_stitch_order(n);
        let m = n.div_ceil(4) * 4;
        assert_eq!(order.len(), m / 2, "{n} pages");
        let mut seen: Vec<usize> = order.iter().flat_map(|&(l, r)| [l, r]).collect();
        seen.sort_unstable();
        assert_eq!(seen, (1..=m).collect::<Vec<_>>(), "{n} pages");
        // Folded, the two pages of a side are mirror images around the middle of the booklet.
        assert!(order.iter().all(|&(l, r)| l + r == m + 1), "{n} pages");
        // The front of each sheet has the odd page on the right (recto).
        assert!(
            order.iter().step_by(2).all(|&(_, r)| r % 2 == 1),
            "{n} pages"
        );
    }
}
