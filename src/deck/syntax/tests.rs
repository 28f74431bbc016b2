//! The reader on the forms decks use and on the mistakes people make.

use super::lex::valid_number;
use super::*;

fn err(src: &str) -> SyntaxError {
    parse(src).unwrap_err()
}

#[test]
fn parses_the_forms_decks_use() {
    let src = r##"#![enable(implicit_some)]
    // a comment /* */
    /* block /* nested */ */
    Deck(
        id: "x", n: -1_000, h: 0xff, f: 1.5e-3, b: true, c: 'é',
        o: Some("y"), p: None, e: Acronym,
        l: [1, 2,], m: {"k": (1, "two")}, r: r#"raw "quoted""#,
        u: "\u{2013}\x41\n\"", s: (a: 1),
    )"##;
    let doc = parse(src).unwrap();
    assert_eq!(doc.extensions[0].name, "implicit_some");
    let Value::Struct { name, fields } = &doc.value.value else { panic!() };
    assert_eq!(name.as_ref().unwrap().name, "Deck");
    let get = |n: &str| &fields.iter().find(|f| f.name.name == n).unwrap().value.value;
    assert_eq!(get("n"), &Value::Number("-1_000"));
    assert_eq!(get("c"), &Value::Char('é'));
    assert_eq!(get("e"), &Value::Ident("Acronym"));
    let Value::Str(r) = get("r") else { panic!() };
    assert_eq!(r.text, "raw \"quoted\"");
    let Value::Str(u) = get("u") else { panic!() };
    assert_eq!(u.text, "–A\n\"");
    assert_eq!(u.verbatim_at, None);
    let Value::Option(Some(inner)) = get("o") else { panic!() };
    assert_eq!(&src[inner.span.clone()], "\"y\"");
    assert!(matches!(get("l"), Value::List(items) if items.len() == 2));
    assert!(matches!(get("m"), Value::Map(e) if e.len() == 1));
    assert!(matches!(get("s"), Value::Struct { name: None, .. }));
}

#[test]
fn missing_comma_points_at_the_next_field() {
    let src = "Deck(id: \"x\"\n  title: \"t\")";
    let e = err(src);
    assert_eq!(&src[e.span.clone()], "title");
    assert_eq!(e.message, "expected `,` or `)` after the value of `id`, found `title`");
    assert_eq!(e.hint.as_deref(), Some("add a `,` after the value of `id`"));
    // The place the comma belongs is shown too: the closing quote of `"x"`.
    let (at, label) = e.related.clone().unwrap();
    assert_eq!((at.start, &src[at]), (11, "\""));
    assert_eq!(label, "a `,` is missing after this");
}

#[test]
fn missing_comma_between_list_items_shows_where_it_belongs() {
    let src = "[Fact(a: 1)\n Fact(a: 2)]";
    let e = err(src);
    assert_eq!(&src[e.span.clone()], "Fact");
    let (at, _) = e.related.clone().unwrap();
    assert_eq!(at, 10..11);
}

#[test]
fn a_string_that_runs_on_gets_a_hint() {
    let src = "Deck(id: \"x\", title: \"t,\n  facts: [Fact(id: \"a\")])";
    let e = err(src);
    assert_eq!(&src[e.span.clone()], "a");
    assert_eq!(
        e.hint.as_deref(),
        Some("the string of `title` seems to run on past its end; is its closing `\"` missing?")
    );
    // The error is where the string ended; where it opened is shown too.
    let (at, label) = e.related.clone().unwrap();
    assert_eq!((&src[at.clone()], label.as_str()), ("\"", "the string of `title` opens here"));
    assert_eq!(at.start, src.find("\"t,").unwrap());
}

#[test]
fn unterminated_string_points_at_its_quote() {
    let src = "Deck(id: \"x\", title: \"oops)\n";
    let e = err(src);
    assert_eq!(e.span, 21..22);
    assert!(e.message.starts_with("unterminated string"), "{}", e.message);
}

#[test]
fn other_errors() {
    assert_eq!(err("").message, "the file is empty");
    assert_eq!(err("  // only a comment\n").span, 0..0);
    let e = err("Deck(id: \"x\",\n  facts: [\n\n// end\n");
    assert_eq!(e.span, 24..24, "right after the last `[`");
    assert_eq!(e.related, Some((23..24, "this `[` is never closed".to_owned())));
    assert_eq!(err("Deck() x").message, "unexpected `x` after the end of the deck");
    assert_eq!(
        err("# Title").message,
        "expected `!` after `#` (attributes are written `#![enable(…)]`), found `Title`"
    );
    assert_eq!(err("(a: \"\\q\")").message, "unknown escape `\\q`");
    assert_eq!(err("(a: 12abc)").message, "`12abc` is not a valid number");
    assert_eq!(err("(a: /* x").message, "unterminated block comment");
    assert_eq!(err("(a: r#\"x\")").message, "unterminated raw string");
    assert_eq!(err("#![enable(magic)] ()").message, "unknown RON extension `magic`");
    assert_eq!(
        err("(a: [1 2])").message,
        "expected `,` or `]` after the list item, found the number `2`"
    );
    assert_eq!(
        err("(\"a\": 1)").hint.as_deref(),
        Some("field names are written without quotes: `a: …`")
    );
    assert_eq!(err("(a: “x”)").message, "unexpected character `“`");
    let deep = "[".repeat(10_000);
    assert!(err(&deep).message.contains("nest deeper"));
}

#[test]
fn numbers() {
    for ok in [
        "1", "-1", "+1", "1_000", "0xff", "0b101", "0o17", "1.5", ".5", "1e10", "1.5E-3", "3u8",
        "2.0f64",
    ] {
        assert!(valid_number(ok), "{ok}");
    }
    for bad in ["1x", "0x", "--1", "1.2.3", "_1", "0b2"] {
        assert!(!valid_number(bad), "{bad}");
    }
}

#[test]
fn parse_all_goes_on_past_a_missing_comma_and_parse_does_not() {
    let src = "Deck(id: \"x\" title: \"t\", facts: [Fact(a: 1) Fact(a: 2), \"s\" \"t\"])";
    assert!(parse(src).is_err());
    let (doc, errors) = parse_all(src);
    let at: Vec<&str> = errors.iter().map(|e| &src[e.span.clone()]).collect();
    assert_eq!(at, ["title", "Fact", "\"t\""]);
    // The tree is the one the commas would give.
    let with_commas = src
        .replace("\" title", "\", title")
        .replace(") Fact", "), Fact")
        .replace("\" \"t", "\", \"t");
    let want = parse(&with_commas).unwrap();
    let Value::Struct { fields, .. } = doc.unwrap().value.value else { panic!() };
    let Value::Struct { fields: want, .. } = want.value.value else { panic!() };
    assert_eq!(fields.iter().map(|f| f.name.name).collect::<Vec<_>>(), ["id", "title", "facts"]);
    assert_eq!(fields.len(), want.len());
    // Anything else still stops the file, after the slips gone on past.
    let (doc, errors) = parse_all("Deck(id: \"x\" title: \"t\", facts: [1 2, ])]");
    assert!(doc.is_none());
    assert_eq!(errors.len(), 3, "{errors:?}");
}
