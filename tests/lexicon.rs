//! Checks of the lexicon data under `ontology/`: it parses, every label is NFC, no spelling names
//! two things of one type, every entry has a type and an English label, every IRI parses, and
//! every reference (country of origin, capital, maker, office) exists.

use khabar::graph::entity_iri;
use khabar::lexicon::{EntityType, Lexicon};
use oxigraph::model::NamedNode;

fn lexicon() -> Lexicon {
    Lexicon::embedded().expect("the lexicon under ontology/ parses and its references resolve")
}

#[test]
fn lexicon_labels_are_nfc_and_unambiguous() {
    let problems = lexicon().check();
    assert!(problems.is_empty(), "{} lexicon problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn lexicon_entries_have_types_english_labels_and_valid_iris() {
    let lex = lexicon();
    assert!(lex.entries.len() > 1000, "the lexicon covers the world, not a sample");
    for e in &lex.entries {
        assert!(!e.en.trim().is_empty(), "{} has no English label", e.id);
        assert!(!e.hi.is_empty() || e.etype == EntityType::Place, "{} {} has no Hindi label", e.etype.segment(), e.id);
        NamedNode::new(entity_iri(e.etype, &e.id).as_str()).expect("entity IRI parses");
    }
}

#[test]
fn lexicon_references_point_to_the_right_kinds() {
    let lex = lexicon();
    for e in &lex.entries {
        if let Some(c) = e.country {
            assert_eq!(lex.entries[c].etype, EntityType::Country, "{}: country is a country", e.id);
        }
        if let Some(c) = e.capital {
            assert_eq!(lex.entries[c].etype, EntityType::Place, "{}: capital is a place", e.id);
            assert_eq!(lex.entries[c].kind, "capital", "{}: capital is of kind capital", e.id);
        }
        if let Some(m) = e.maker {
            assert_eq!(lex.entries[m].etype, EntityType::Organization, "{}: maker is an organisation", e.id);
        }
        if e.etype == EntityType::WeaponSystem {
            assert!(e.country.is_some(), "{}: every weapon system has a country of origin", e.id);
        }
        for t in &e.tenures {
            assert!(t.role < lex.roles.len());
            if let (Some(a), Some(b)) = (t.from, t.to) {
                assert!(a <= b, "{}: tenure {a}-{b}", e.id);
            }
        }
    }
}

#[test]
fn lexicon_knows_well_known_things() {
    let lex = lexicon();
    let ind = lex.get(EntityType::Country, "india").expect("India");
    let rus = lex.get(EntityType::Country, "russia").expect("Russia");
    let s400 = lex.get(EntityType::WeaponSystem, "s400").expect("S-400");
    assert_eq!(lex.entries[s400].country, Some(rus));
    let delhi = lex.entries[ind].capital.expect("India has a capital");
    assert_eq!(lex.entries[delhi].en, "New Delhi");
    let rajnath = lex.get(EntityType::Person, "rajnath_singh").expect("Rajnath Singh");
    let dm = lex.role("DefenceMinister").expect("role");
    assert!(lex.held(rajnath, dm, Some(2025)));
    assert!(!lex.held(rajnath, dm, Some(2015)));
}

#[test]
fn head_nouns_of_labels_inflect() {
    use khabar::lexicon::inflections;
    assert_eq!(inflections("आकाश मिसाइल"), ["आकाश मिसाइलों", "आकाश मिसाइलें"]);
    assert_eq!(inflections("पहलगाम हमला"), ["पहलगाम हमले", "पहलगाम हमलों"]);
    assert_eq!(inflections("कलवरी पनडुब्बी")[0], "कलवरी पनडुब्बियों");
    assert!(inflections("राफेल").is_empty(), "a one-word name does not inflect");
    assert!(inflections("S-400 Triumf").is_empty());
}
