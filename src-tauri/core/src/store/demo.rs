//! The opt-in example: one realistic, clearly labelled study visit in the Eurodistrict
//! Strasbourg-Ortenau, with three days of sessions and speakers, so a new user can see a full
//! programme before typing their own. The people are fictitious and say so.
//!
//! Adding it twice does nothing the second time (the event code is unique).

use rusqlite::Transaction;

use super::{id_by_reference_key, insert_event, insert_expert, insert_session, Store};
use crate::error::CoreResult;
use crate::model::*;

/// The code of the example event.
pub const DEMO_EVENT_CODE: &str = "EXEMPLE-VE-2027";

struct DemoExpert {
    first: &'static str,
    last: &'static str,
    job: &'static str,
    organisation_key: &'static str,
    country: &'static str,
    city: &'static str,
    languages: &'static [(&'static str, &'static str)],
    themes: &'static [&'static str],
    bio: &'static str,
}

const EXPERTS: &[DemoExpert] = &[
    DemoExpert {
        first: "Claire",
        last: "Exemple-Haller",
        job: "Chargée de mission mobilité transfrontalière",
        organisation_key: "eurodistrict-strasbourg-ortenau",
        country: "FR",
        city: "Strasbourg",
        languages: &[("fr", "native"), ("de", "C1"), ("en", "B2")],
        themes: &["transport-mobility"],
        bio: "Personne fictive (exemple). Coordonne les projets de mobilité de l'Eurodistrict depuis 2015, dont la ligne de tram Strasbourg–Kehl.",
    },
    DemoExpert {
        first: "Jonas",
        last: "Beispiel",
        job: "Referent für grenzüberschreitende Zusammenarbeit",
        organisation_key: "eurodistrict-strasbourg-ortenau",
        country: "DE",
        city: "Kehl",
        languages: &[("de", "native"), ("fr", "B2")],
        themes: &["transport-mobility", "employment"],
        bio: "Personne fictive (exemple). Suit côté allemand les dossiers de travailleurs frontaliers et d'information des usagers.",
    },
    DemoExpert {
        first: "Sophie",
        last: "Modèle",
        job: "Responsable de formation",
        organisation_key: "inet",
        country: "FR",
        city: "Strasbourg",
        languages: &[("fr", "native"), ("de", "B1")],
        themes: &[],
        bio: "Personne fictive (exemple). Conçoit les parcours de formation des cadres territoriaux sur la coopération européenne.",
    },
    DemoExpert {
        first: "Marc",
        last: "Specimen",
        job: "Juriste, droit de la coopération transfrontalière",
        organisation_key: "mot",
        country: "FR",
        city: "Paris",
        languages: &[("fr", "native"), ("en", "C1")],
        themes: &[],
        bio: "Personne fictive (exemple). Accompagne les collectivités dans le montage de GECT et de projets Interreg.",
    },
];

struct DemoSession {
    day: u8,
    start: &'static str,
    end: &'static str,
    title: &'static str,
    /// The title in the event's partner language (German).
    title_de: &'static str,
    description: &'static str,
    kind: &'static str,
    place: &'static str,
    language: &'static str,
    speakers: &'static [(usize, &'static str)],
}

const SESSIONS: &[DemoSession] = &[
    DemoSession {
        day: 0,
        start: "09:00",
        end: "09:30",
        title: "Accueil des participants",
        title_de: "Empfang der Teilnehmenden",
        description: "Café d'accueil, remise des dossiers.",
        kind: "welcome",
        place: "Hôtel du Département, Strasbourg",
        language: "fr",
        speakers: &[(2, "facilitator")],
    },
    DemoSession {
        day: 0,
        start: "09:30",
        end: "11:00",
        title: "La coopération franco-allemande dans le Rhin supérieur",
        title_de: "Die deutsch-französische Zusammenarbeit am Oberrhein",
        description: "Acteurs, instances et outils juridiques : de l'accord de Karlsruhe au GECT.",
        kind: "talk",
        place: "Hôtel du Département, Strasbourg",
        language: "fr",
        speakers: &[(3, "speaker")],
    },
    DemoSession {
        day: 0,
        start: "11:00",
        end: "11:15",
        title: "Pause",
        title_de: "Pause",
        description: "",
        kind: "break",
        place: "",
        language: "",
        speakers: &[],
    },
    DemoSession {
        day: 0,
        start: "11:15",
        end: "12:30",
        title: "L'Eurodistrict Strasbourg-Ortenau : missions et projets",
        title_de: "Der Eurodistrikt Strasbourg-Ortenau: Aufgaben und Projekte",
        description: "Présentation de la structure, de sa gouvernance et de ses projets phares.",
        kind: "talk",
        place: "Hôtel du Département, Strasbourg",
        language: "fr",
        speakers: &[(0, "speaker"), (1, "speaker")],
    },
    DemoSession {
        day: 0,
        start: "12:30",
        end: "14:00",
        title: "Déjeuner",
        title_de: "Mittagessen",
        description: "",
        kind: "meal",
        place: "",
        language: "",
        speakers: &[],
    },
    DemoSession {
        day: 0,
        start: "14:00",
        end: "16:30",
        title: "Atelier : diagnostic des besoins de mobilité",
        title_de: "Workshop: Analyse des Mobilitätsbedarfs",
        description:
            "Travail en sous-groupes à partir des données de flux de travailleurs frontaliers.",
        kind: "workshop",
        place: "Hôtel du Département, Strasbourg",
        language: "fr",
        speakers: &[(0, "facilitator"), (2, "facilitator")],
    },
    DemoSession {
        day: 1,
        start: "09:00",
        end: "09:45",
        title: "Trajet en tram Strasbourg – Kehl",
        title_de: "Fahrt mit der Straßenbahn Straßburg – Kehl",
        description: "Ligne D, traversée du Rhin.",
        kind: "transfer",
        place: "Station Homme de Fer",
        language: "",
        speakers: &[],
    },
    DemoSession {
        day: 1,
        start: "09:45",
        end: "12:00",
        title: "Visite : le pont du tram et la gare de Kehl",
        title_de: "Besichtigung: die Tram-Brücke und der Bahnhof Kehl",
        description: "Visite commentée du chantier et des aménagements de l'intermodalité.",
        kind: "site_visit",
        place: "Kehl (Allemagne)",
        language: "de",
        speakers: &[(1, "speaker")],
    },
    DemoSession {
        day: 1,
        start: "12:00",
        end: "13:30",
        title: "Déjeuner à Kehl",
        title_de: "Mittagessen in Kehl",
        description: "",
        kind: "meal",
        place: "Kehl",
        language: "",
        speakers: &[],
    },
    DemoSession {
        day: 1,
        start: "13:30",
        end: "16:00",
        title: "Table ronde : services publics des deux côtés du Rhin",
        title_de: "Podiumsdiskussion: öffentliche Dienste auf beiden Seiten des Rheins",
        description: "Santé, emploi, information des usagers : ce qui fonctionne, ce qui bloque.",
        kind: "round_table",
        place: "Rathaus Kehl",
        language: "fr",
        speakers: &[(3, "moderator"), (0, "speaker"), (1, "speaker")],
    },
    DemoSession {
        day: 2,
        start: "09:00",
        end: "11:30",
        title: "Atelier : construire un projet Interreg",
        title_de: "Workshop: ein Interreg-Projekt aufbauen",
        description:
            "Du besoin local au dossier de candidature ; budget, partenariat, indicateurs.",
        kind: "workshop",
        place: "INET, Strasbourg",
        language: "fr",
        speakers: &[(3, "facilitator")],
    },
    DemoSession {
        day: 2,
        start: "11:30",
        end: "12:30",
        title: "Bilan et évaluation de la visite",
        title_de: "Bilanz und Auswertung des Besuchs",
        description: "Tour de table, questionnaire d'évaluation à chaud.",
        kind: "workshop",
        place: "INET, Strasbourg",
        language: "fr",
        speakers: &[(2, "facilitator")],
    },
];

/// Adds the example study visit (and its fictitious speakers) unless it is already there.
/// Returns the event's id. The reference data must be loaded first.
pub fn add_demo(store: &mut Store) -> CoreResult<String> {
    if let Some(id) = store.event_id_by_code(DEMO_EVENT_CODE)? {
        return Ok(id);
    }
    store.load_shipped_reference()?;
    store.write(|tx| {
        let expert_ids = insert_demo_experts(tx)?;
        let event_id = insert_event(tx, &demo_event(tx)?)?;
        insert_demo_sessions(tx, &event_id, &expert_ids)?;
        Ok(event_id)
    })
}

/// The fictitious speakers, in the order `SESSIONS` refers to them.
fn insert_demo_experts(tx: &Transaction) -> CoreResult<Vec<String>> {
    let id_of = |table: &str, key: &str| id_by_reference_key(tx, table, key);
    let mut expert_ids = Vec::new();
    for expert in EXPERTS {
        let mut theme_ids = Vec::new();
        for key in expert.themes {
            theme_ids.extend(id_of("themes", key)?);
        }
        let input = ExpertInput {
            first_name: expert.first.into(),
            last_name: expert.last.into(),
            job_title: expert.job.into(),
            organisation_id: id_of("organisations", expert.organisation_key)?,
            country: expert.country.into(),
            city: expert.city.into(),
            languages: expert
                .languages
                .iter()
                .map(|(language, level)| LanguageSkill {
                    language: (*language).into(),
                    level: (*level).into(),
                })
                .collect(),
            theme_ids,
            territory_ids: id_of("territories", "fr-de-border")?.into_iter().collect(),
            bio_fr: expert.bio.into(),
            keywords: "exemple".into(),
            notes: "Fiche d'exemple ajoutée par « Ajouter l'exemple » : personne fictive.".into(),
            ..Default::default()
        };
        expert_ids.push(insert_expert(tx, &input)?);
    }
    Ok(expert_ids)
}

/// The example study visit, linked to reference records by their keys.
fn demo_event(tx: &Transaction) -> CoreResult<EventInput> {
    let id_of = |table: &str, key: &str| id_by_reference_key(tx, table, key);
    let mut organisers = Vec::new();
    if let Some(cnfpt) = id_of("organisations", "inet")? {
        organisers.push(EventOrganiser {
            organisation_id: cnfpt,
            role: "organiser".into(),
        });
    }
    if let Some(mot) = id_of("organisations", "mot")? {
        organisers.push(EventOrganiser {
            organisation_id: mot,
            role: "co_organiser".into(),
        });
    }
    if let Some(eurodistrict) = id_of("organisations", "eurodistrict-strasbourg-ortenau")? {
        organisers.push(EventOrganiser {
            organisation_id: eurodistrict,
            role: "partner".into(),
        });
    }
    let event = EventInput {
        code: DEMO_EVENT_CODE.into(),
        title: "[Exemple] Visite d'étude : la mobilité dans l'Eurodistrict Strasbourg-Ortenau".into(),
        subtitle: "Coopérer de part et d'autre du Rhin".into(),
        kind: "study_visit".into(),
        status: "planned".into(),
        start_date: "2027-03-16".into(),
        end_date: "2027-03-18".into(),
        venue: "Hôtel du Département".into(),
        address: "Place du Quartier Blanc".into(),
        city: "Strasbourg".into(),
        country: "FR".into(),
        territory_id: id_of("territories", "fr-de-border")?,
        organisers,
        theme_ids: id_of("themes", "transport-mobility")?.into_iter().collect(),
        target_profession_ids: id_of("professions", "esco-international-relations-officer")?
            .into_iter()
            .collect(),
        audience: "Cadres et chargés de mission des collectivités frontalières, agents des services mobilité et relations internationales.".into(),
        objectives: vec![
            "Connaître les acteurs et les outils juridiques de la coopération franco-allemande".into(),
            "Analyser un projet transfrontalier de mobilité, de sa conception à son exploitation".into(),
            "Identifier des partenaires et des financements pour un projet Interreg".into(),
        ],
        prerequisites: String::new(),
        summary: "Trois jours entre Strasbourg et Kehl pour comprendre comment se construit un service public transfrontalier.".into(),
        teaching_methods: "Apports d'experts, visite de site, table ronde, ateliers en sous-groupes.".into(),
        evaluation_methods: "Questionnaire d'évaluation à chaud en fin de visite ; bilan à trois mois.".into(),
        accessibility: "Locaux accessibles aux personnes à mobilité réduite. Pour tout besoin d'adaptation, contactez le référent handicap.".into(),
        accessibility_contact: "Référent handicap : handicap.exemple@cnfpt.fr".into(),
        price: "Gratuit pour les agents des collectivités cotisantes".into(),
        access_terms: "Inscription auprès de la délégation régionale au plus tard trois semaines avant le début.".into(),
        capacity: Some(20),
        languages: vec!["fr".into(), "de".into()],
        interpretation: "Interprétation français–allemand pendant la visite de Kehl.".into(),
        contact_name: "Contact fictif (exemple)".into(),
        contact_email: "contact.exemple@cnfpt.fr".into(),
        contact_phone: "+33 3 88 00 00 00".into(),
        notes: "Événement d'exemple : modifiez-le ou supprimez-le librement.".into(),
        partner_language: "de".into(),
        translation: demo_translation(),
        logistics: demo_logistics(),
        request_id: None,
    };
    Ok(event)
}

fn insert_demo_sessions(tx: &Transaction, event_id: &str, expert_ids: &[String]) -> CoreResult<()> {
    let dates = ["2027-03-16", "2027-03-17", "2027-03-18"];
    for session in SESSIONS {
        let input = SessionInput {
            date: dates[session.day as usize].into(),
            start_time: session.start.into(),
            end_time: session.end.into(),
            title: session.title.into(),
            description: session.description.into(),
            kind: session.kind.into(),
            place: session.place.into(),
            language: session.language.into(),
            speakers: session
                .speakers
                .iter()
                .map(|(index, role)| SessionSpeaker {
                    expert_id: expert_ids[*index].clone(),
                    role: (*role).into(),
                })
                .collect(),
            title_partner: session.title_de.into(),
            description_partner: String::new(),
        };
        insert_session(tx, event_id, &input)?;
    }
    Ok(())
}

/// The example's texts in German (the programme can be printed bilingual).
fn demo_translation() -> EventTranslation {
    EventTranslation {
        title: "[Beispiel] Studienbesuch: Mobilität im Eurodistrikt Strasbourg-Ortenau".into(),
        subtitle: "Zusammenarbeit auf beiden Seiten des Rheins".into(),
        audience: "Führungskräfte und Projektverantwortliche der Grenzgebietskörperschaften.".into(),
        objectives: vec![
            "Die Akteure und Rechtsinstrumente der deutsch-französischen Zusammenarbeit kennen".into(),
            "Ein grenzüberschreitendes Mobilitätsprojekt von der Planung bis zum Betrieb analysieren".into(),
            "Partner und Finanzierungen für ein Interreg-Projekt finden".into(),
        ],
        summary: "Drei Tage zwischen Straßburg und Kehl, um zu verstehen, wie ein grenzüberschreitender öffentlicher Dienst entsteht.".into(),
        ..Default::default()
    }
}

/// The example's practical details (the study-visit booklet prints them).
fn demo_logistics() -> Logistics {
    Logistics {
        welcome: "Bienvenue à cette visite d'étude (exemple). Ce livret rassemble le programme, les rendez-vous, les trajets et les contacts utiles : gardez-le sur vous.".into(),
        meeting_points: vec![
            MeetingPoint {
                date: "2027-03-16".into(),
                time: "08:45".into(),
                place: "Hall de l'Hôtel du Département".into(),
                address: "Place du Quartier Blanc, Strasbourg".into(),
                note: "Badge remis à l'accueil.".into(),
            },
            MeetingPoint {
                date: "2027-03-17".into(),
                time: "08:30".into(),
                place: "Station de tram Homme de Fer, quai ligne D".into(),
                address: "Place de l'Homme de Fer, Strasbourg".into(),
                note: String::new(),
            },
        ],
        transport_legs: vec![TransportLeg {
            date: "2027-03-17".into(),
            departure_time: "08:40".into(),
            arrival_time: "09:05".into(),
            from: "Strasbourg, Homme de Fer".into(),
            to: "Kehl, Rathaus".into(),
            mode: "Tram D".into(),
            reference: "Billet Europass fourni".into(),
            note: String::new(),
        }],
        accommodation: vec![Accommodation {
            name: "Hôtel fictif du Rhin (exemple)".into(),
            address: "1 rue de l'Exemple, Strasbourg".into(),
            phone: "+33 3 88 00 00 02".into(),
            check_in: "2027-03-16".into(),
            check_out: "2027-03-18".into(),
            note: "Petit-déjeuner inclus.".into(),
        }],
        contacts: vec![LogisticsContact {
            name: "Contact fictif (exemple)".into(),
            role: "Organisatrice sur place".into(),
            phone: "+33 6 00 00 00 00".into(),
            email: "contact.exemple@cnfpt.fr".into(),
        }],
        countries: Vec::new(),
        glossary: [
            ("collectivité territoriale", "Gebietskörperschaft"),
            ("coopération transfrontalière", "grenzüberschreitende Zusammenarbeit"),
            ("travailleur frontalier", "Grenzgänger"),
            ("mairie", "Rathaus"),
        ]
        .iter()
        .map(|(french, partner)| GlossaryEntry {
            french: (*french).into(),
            partner: (*partner).into(),
        })
        .collect(),
    }
}
