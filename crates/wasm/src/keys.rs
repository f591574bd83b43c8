//! JavaScript names for report fields (SPEC §14.13): field names become
//! camelCase, but maps keyed by data keep their keys, so `non_binary`,
//! `subsidised_employment` and goal ids reach JavaScript unchanged.

/// Fields whose value is a map keyed by data (genders, exit outcomes,
/// follow-up statuses) rather than by field names.
const DATA_KEYED: [&str; 3] = ["by_gender", "by_outcome", "by_status"];

/// Whether the object under field `name` is keyed by data.
pub(crate) fn holds_data_keys(name: &str) -> bool {
    DATA_KEYED.contains(&name)
}

/// `share_of_plan` → `shareOfPlan`; names without `_` come back unchanged.
pub(crate) fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_become_camel_case() {
        assert_eq!(camel_case("share_of_plan"), "shareOfPlan");
        assert_eq!(
            camel_case("share_not_receiving_assistance"),
            "shareNotReceivingAssistance"
        );
        assert_eq!(camel_case("ci"), "ci");
        assert_eq!(camel_case("as_of"), "asOf");
        assert_eq!(camel_case("follow_ups"), "followUps");
    }

    #[test]
    fn only_breakdowns_keep_their_keys() {
        assert!(holds_data_keys("by_gender"));
        assert!(holds_data_keys("by_outcome"));
        assert!(holds_data_keys("by_status"));
        assert!(!holds_data_keys("enrolment"));
        assert!(!holds_data_keys("ci"));
    }
}
