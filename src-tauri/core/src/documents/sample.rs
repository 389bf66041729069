//! Sample programme data for tests, the benchmark and previews: a realistic three-day study
//! visit in the Eurodistrict Strasbourg-Ortenau (fictitious people, as in the demo event), and
//! generated events of any size.

use chrono::{Duration, NaiveDate, NaiveTime};

use super::booklet::{BookletData, CountryEmergency, EmergencyLine};
use super::programme::{
    ProgrammeData, ProgrammeOrganiser, ProgrammeSession, ProgrammeSpeaker, SessionSpeakerLine,
};
use crate::model::SessionKind;

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

fn speaker(name: &str, organisation: &str, role: &str) -> SessionSpeakerLine {
    SessionSpeakerLine {
        name: name.into(),
        organisation: organisation.into(),
        role: role.into(),
    }
}

fn march(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or(NaiveDate::MIN)
}

/// The study visit's agenda.
fn study_visit_sessions() -> Vec<ProgrammeSession> {
    let day = march;
    let claire = || {
        speaker(
            "Claire Exemple-Haller",
            "Eurodistrict Strasbourg-Ortenau",
            "",
        )
    };
    let jonas = || speaker("Jonas Beispiel", "Eurodistrict Strasbourg-Ortenau", "");
    let sophie = || speaker("Sophie Modèle", "CNFPT – INET", "Animatrice");
    let marc = || {
        speaker(
            "Marc Specimen",
            "Mission opérationnelle transfrontalière (MOT)",
            "",
        )
    };
    let anna = || speaker("Anna Muster", "Stadt Kehl", "");
    let luc = || {
        speaker(
            "Luc Exemplaire",
            "Eurométropole de Strasbourg",
            "Modérateur",
        )
    };
    let s = |date,
             start: NaiveTime,
             end: NaiveTime,
             title: &str,
             description: &str,
             kind,
             place: &str,
             speakers: Vec<SessionSpeakerLine>| ProgrammeSession {
        date,
        start,
        end,
        title: title.into(),
        description: description.into(),
        kind,
        place: place.into(),
        speakers,
        title_partner: String::new(),
        description_partner: String::new(),
    };
    vec![
        s(day(3), time(9, 0), time(9, 30), "Accueil des participants", "Café d'accueil, remise des dossiers et tour de table.", SessionKind::Welcome, "Maison de l'Eurodistrict, Kehl", vec![sophie()]),
        s(day(3), time(9, 30), time(11, 0), "L'Eurodistrict Strasbourg-Ortenau : gouvernance et projets", "Présentation du GECT, de ses compétences et de ses instances ; bilan de quinze ans de coopération et perspectives du projet de territoire 2030.", SessionKind::Talk, "Maison de l'Eurodistrict, Kehl", vec![claire(), jonas()]),
        s(day(3), time(11, 0), time(11, 15), "Pause", "", SessionKind::Break, "", vec![]),
        s(day(3), time(11, 15), time(12, 30), "Le cadre juridique de la coopération transfrontalière", "Du traité d'Aix-la-Chapelle aux GECT : quels outils pour les collectivités ? Retour sur les difficultés rencontrées et les solutions trouvées.", SessionKind::Talk, "", vec![marc()]),
        s(day(3), time(12, 30), time(14, 0), "Déjeuner", "", SessionKind::Meal, "Restaurant « Le Pont », Kehl", vec![]),
        s(day(3), time(14, 0), time(15, 0), "Transfert en tram vers Strasbourg", "Ligne D, du centre de Kehl à la station Port du Rhin.", SessionKind::Transfer, "", vec![]),
        s(day(3), time(15, 0), time(17, 30), "Visite du site des Deux-Rives", "Reconversion d'une friche portuaire de part et d'autre du Rhin : aménagement, logement et mobilités douces.", SessionKind::SiteVisit, "Port du Rhin, Strasbourg", vec![luc(), anna()]),
        s(day(4), time(9, 0), time(10, 30), "Travailleurs frontaliers : l'information des usagers", "Le réseau INFOBEST, les questions les plus fréquentes (fiscalité, assurance maladie, retraite) et la coordination des services.", SessionKind::Talk, "", vec![jonas()]),
        s(day(4), time(10, 30), time(12, 30), "Atelier : monter un projet Interreg", "En petits groupes, les participants construisent le plan de financement d'un projet fictif et identifient les partenaires.", SessionKind::Workshop, "Salle Rhin", vec![sophie(), marc()]),
        s(day(4), time(12, 30), time(14, 0), "Déjeuner", "", SessionKind::Meal, "", vec![]),
        s(day(4), time(14, 0), time(16, 30), "Table ronde : la mobilité au quotidien", "Quelles réponses aux besoins des 50 000 frontaliers du Rhin supérieur ? Avec les autorités organisatrices de la mobilité des deux rives.", SessionKind::RoundTable, "Hôtel de ville, Kehl", vec![luc(), claire(), anna()]),
        s(day(5), time(9, 0), time(11, 30), "Retour d'expérience et pistes d'action", "Chaque participant présente une action transposable dans sa collectivité.", SessionKind::Workshop, "", vec![sophie()]),
        s(day(5), time(11, 30), time(12, 30), "Évaluation et clôture", "Questionnaire d'évaluation à chaud et remise des attestations.", SessionKind::Talk, "", vec![sophie()]),
    ]
}

/// The study visit's "Intervenants" section.
fn study_visit_speakers() -> Vec<ProgrammeSpeaker> {
    vec![
        ProgrammeSpeaker { name: "Claire Exemple-Haller".into(), job_title: "Chargée de mission mobilité transfrontalière".into(), organisation: "Eurodistrict Strasbourg-Ortenau".into(), bio: "Personne fictive (exemple). Coordonne les projets de mobilité de l'Eurodistrict depuis 2015, dont la ligne de tram Strasbourg–Kehl.".into(), ..Default::default() },
        ProgrammeSpeaker { name: "Jonas Beispiel".into(), job_title: "Referent für grenzüberschreitende Zusammenarbeit".into(), organisation: "Eurodistrict Strasbourg-Ortenau".into(), bio: "Personne fictive (exemple). Suit côté allemand les dossiers de travailleurs frontaliers et d'information des usagers.".into(), ..Default::default() },
        ProgrammeSpeaker { name: "Sophie Modèle".into(), job_title: "Responsable de formation".into(), organisation: "CNFPT – INET".into(), bio: "Personne fictive (exemple). Conçoit les parcours de formation des cadres territoriaux sur la coopération européenne.".into(), ..Default::default() },
        ProgrammeSpeaker { name: "Marc Specimen".into(), job_title: "Juriste, droit de la coopération transfrontalière".into(), organisation: "Mission opérationnelle transfrontalière (MOT)".into(), bio: "Personne fictive (exemple). Accompagne les collectivités dans le montage de GECT et de projets Interreg.".into(), ..Default::default() },
        ProgrammeSpeaker { name: "Anna Muster".into(), job_title: "Leiterin Stadtplanung".into(), organisation: "Stadt Kehl".into(), bio: "Personne fictive (exemple). Pilote côté allemand l'aménagement des Deux-Rives.".into(), ..Default::default() },
        ProgrammeSpeaker { name: "Luc Exemplaire".into(), job_title: "Directeur des mobilités".into(), organisation: "Eurométropole de Strasbourg".into(), bio: String::new(), ..Default::default() },
    ]
}

/// A three-day study visit, 3–5 March 2026, with its agenda and speakers.
pub fn study_visit() -> ProgrammeData {
    ProgrammeData {
        code: "VE-2026-SO-03".into(),
        title: "Coopérer de part et d'autre du Rhin : mobilité et services publics dans l'Eurodistrict Strasbourg-Ortenau".into(),
        subtitle: "Visite d'étude pour les cadres territoriaux".into(),
        kind: "Visite d'étude".into(),
        version_date: NaiveDate::from_ymd_opt(2026, 2, 12),
        start_date: Some(march(3)),
        end_date: Some(march(5)),
        venue: "Maison de l'Eurodistrict".into(),
        address: "Rehfusplatz 11".into(),
        city: "Kehl".into(),
        country: "Allemagne".into(),
        organisers: vec![
            ProgrammeOrganiser { name: "CNFPT – INET".into(), role: "Organisateur".into() },
            ProgrammeOrganiser { name: "Mission opérationnelle transfrontalière".into(), role: "Co-organisateur".into() },
            ProgrammeOrganiser { name: "Eurodistrict Strasbourg-Ortenau".into(), role: "Partenaire".into() },
        ],
        audience: "Cadres de direction et chargés de mission des collectivités territoriales frontalières".into(),
        target_professions: vec!["Chargé de coopération transfrontalière".into(), "Directeur général des services".into(), "Responsable des mobilités".into()],
        prerequisites: String::new(),
        objectives: vec![
            "Connaître les outils juridiques de la coopération transfrontalière (GECT, conventions, traité d'Aix-la-Chapelle)".into(),
            "Comprendre le fonctionnement d'un eurodistrict et de ses instances".into(),
            "Identifier les leviers de financement européens, notamment Interreg".into(),
            "Transposer dans sa collectivité une action de mobilité transfrontalière".into(),
        ],
        summary: "Trois jours sur le terrain pour découvrir, avec celles et ceux qui la font, la coopération franco-allemande au quotidien : gouvernance, droit, mobilité et services aux usagers.".into(),
        teaching_methods: "Apports d'experts, visites de sites, table ronde et atelier en petits groupes ; documentation remise sur clé USB.".into(),
        evaluation_methods: "Questionnaire d'évaluation à chaud en fin de visite ; évaluation à froid à trois mois.".into(),
        access_terms: "Inscription sur la plateforme du CNFPT au plus tard trois semaines avant le début de la visite, avec l'accord de l'employeur.".into(),
        price: "Gratuit pour les agents des collectivités cotisantes ; transport et hébergement à la charge de l'employeur.".into(),
        accessibility: "Les lieux de la visite sont accessibles aux personnes à mobilité réduite. Pour tout besoin d'adaptation, contactez le référent handicap avant l'inscription.".into(),
        accessibility_contact: "Référent handicap INET – handicap@inet.example.fr – 03 88 00 00 00".into(),
        languages: vec!["français".into(), "allemand".into()],
        interpretation: "Interprétation simultanée allemand-français pour la table ronde".into(),
        contact_name: "Sophie Modèle".into(),
        contact_email: "sophie.modele@inet.example.fr".into(),
        contact_phone: "03 88 00 00 01".into(),
        sessions: study_visit_sessions(),
        speakers: study_visit_speakers(),
        ..ProgrammeData::default()
    }
}

/// A generated event: `sessions` sessions spread over `days` days from 2 March 2026 (nine
/// 45-minute slots a day from 8 h 30, then further slots in parallel), `speakers` speakers.
pub fn generated(days: u32, sessions: usize, speakers: usize) -> ProgrammeData {
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or(NaiveDate::MIN);
    let days = days.max(1);
    let per_day = sessions.div_ceil(days as usize).max(1);
    let speakers: Vec<ProgrammeSpeaker> = (0..speakers)
        .map(|i| ProgrammeSpeaker {
            name: format!("Intervenant{} Nom{}", i + 1, i + 1),
            job_title: "Chargé de mission".into(),
            organisation: format!("Organisation partenaire n°{}", i % 5 + 1),
            bio: "Spécialiste de la coopération transfrontalière, intervient régulièrement auprès des collectivités frontalières sur les questions de mobilité et d'emploi.".into(),
            bio_partner: "Expertin für grenzüberschreitende Zusammenarbeit, spricht regelmäßig vor Grenzgebietskörperschaften über Mobilität und Beschäftigung.".into(),
        })
        .collect();
    let kinds = [
        SessionKind::Talk,
        SessionKind::Workshop,
        SessionKind::RoundTable,
        SessionKind::Break,
        SessionKind::SiteVisit,
    ];
    let list = (0..sessions)
        .map(|i| {
            let d = (i / per_day) as i64;
            let slot = (i % per_day) as u32 % 9;
            let minutes = 8 * 60 + 30 + slot * 50;
            let start_t = time(minutes / 60, minutes % 60);
            ProgrammeSession {
                date: start + Duration::days(d),
                start: start_t,
                end: start_t + Duration::minutes(45),
                title: format!("Séance {} : enjeux de la coopération", i + 1),
                description: "Présentation des enjeux, échanges avec les participants et études de cas concrets issues des territoires frontaliers.".into(),
                kind: kinds[i % kinds.len()],
                place: String::new(),
                speakers: speakers
                    .iter()
                    .skip(i % speakers.len().max(1))
                    .take(2)
                    .map(|s| SessionSpeakerLine { name: s.name.clone(), organisation: s.organisation.clone(), role: String::new() })
                    .collect(),
                title_partner: format!("Sitzung {}: Herausforderungen der Zusammenarbeit", i + 1),
                description_partner: "Darstellung der Herausforderungen, Austausch mit den Teilnehmenden und Fallstudien aus den Grenzregionen.".into(),
            }
        })
        .collect();
    ProgrammeData {
        code: format!("GEN-{days}-{sessions}"),
        title: format!("Événement généré de {days} jours et {sessions} séances"),
        kind: "Séminaire".into(),
        version_date: Some(start),
        start_date: Some(start),
        end_date: Some(start + Duration::days(days as i64 - 1)),
        city: "Lille".into(),
        objectives: vec!["Comprendre".into(), "Agir".into()],
        sessions: list,
        speakers,
        ..ProgrammeData::default()
    }
}

/// [`generated`] printed bilingual French–German: every session and speaker has its German
/// text, the event its German title and objectives (the rest is marked untranslated).
pub fn generated_bilingual(days: u32, sessions: usize, speakers: usize) -> ProgrammeData {
    ProgrammeData {
        partner: Some(crate::documents::ProgrammePartner {
            language: crate::model::PartnerLanguage::German,
            texts: crate::model::EventTranslation {
                title: format!(
                    "Generierte Veranstaltung mit {days} Tagen und {sessions} Sitzungen"
                ),
                objectives: vec!["Verstehen".into(), "Handeln".into()],
                ..Default::default()
            },
        }),
        ..generated(days, sessions, speakers)
    }
}

/// The booklet of [`generated`]: every session with a partner-language title, logistics in
/// every section, a glossary and the emergency numbers of France and Germany.
pub fn generated_booklet(days: u32, sessions: usize, speakers: usize) -> BookletData {
    use crate::model::{
        Accommodation, GlossaryEntry, Logistics, LogisticsContact, MeetingPoint, TransportLeg,
    };
    let event = generated(days, sessions, speakers);
    let first = event
        .sessions
        .first()
        .map(|s| s.date.to_string())
        .unwrap_or_default();
    let emergency = [("FR", "France"), ("DE", "Allemagne")]
        .iter()
        .map(|(code, name)| CountryEmergency {
            country: (*name).into(),
            numbers: crate::emergency::emergency_numbers(code)
                .iter()
                .map(|n| EmergencyLine {
                    number: n.number.into(),
                    service: n.service.into(),
                })
                .collect(),
        })
        .collect();
    let logistics = Logistics {
        welcome: "Bienvenue à cette visite d'étude : ce livret rassemble le programme, les rendez-vous et les contacts utiles.".into(),
        meeting_points: (0..days)
            .map(|_| MeetingPoint {
                date: first.clone(),
                time: "08:45".into(),
                place: "Hall d'accueil".into(),
                address: "1 place de l'Exemple, Strasbourg".into(),
                note: "Badge remis à l'accueil.".into(),
            })
            .collect(),
        transport_legs: vec![TransportLeg {
            date: first.clone(),
            departure_time: "08:40".into(),
            arrival_time: "09:05".into(),
            from: "Strasbourg".into(),
            to: "Kehl".into(),
            mode: "Tram D".into(),
            ..TransportLeg::default()
        }],
        accommodation: vec![Accommodation {
            name: "Hôtel de l'exemple".into(),
            address: "2 rue de l'Exemple, Strasbourg".into(),
            phone: "+33 3 88 00 00 00".into(),
            check_in: first.clone(),
            check_out: first,
            note: String::new(),
        }],
        contacts: vec![LogisticsContact {
            name: "Contact de l'exemple".into(),
            role: "Organisatrice sur place".into(),
            phone: "+33 6 00 00 00 00".into(),
            email: "contact@example.org".into(),
        }],
        countries: Vec::new(),
        glossary: (0..12)
            .map(|n| GlossaryEntry {
                french: format!("terme {n}"),
                partner: format!("Begriff {n}"),
            })
            .collect(),
    };
    BookletData {
        partner_titles: event
            .sessions
            .iter()
            .map(|s| format!("{} (de)", s.title))
            .collect(),
        event,
        partner_language: "allemand".into(),
        logistics,
        emergency,
    }
}

const FIRST_NAMES: [&str; 12] = [
    "Marie", "Jonas", "Élise", "Paul", "Anna", "Luc", "Chloé", "Hans", "Inès", "Marco", "Léa",
    "Noah",
];
const LAST_NAMES: [&str; 15] = [
    "Dupont",
    "Müller",
    "Écuyer",
    "Martin",
    "Rossi",
    "Bernard",
    "Schmitt",
    "Lefèvre",
    "Weber",
    "Garcia",
    "Ørsted",
    "Durand",
    "Keller",
    "Moreau",
    "Zimmermann",
];

/// `count` fictitious participants, names and employers varied (accented initials included),
/// in registration order, not sorted.
pub fn participants(count: usize) -> Vec<super::Person> {
    (0..count)
        .map(|i| super::Person {
            first_name: FIRST_NAMES[i % FIRST_NAMES.len()].into(),
            last_name: format!("{}{}", LAST_NAMES[(i * 7) % LAST_NAMES.len()], i / 15 + 1),
            employer: format!("Collectivité partenaire n°{}", i % 40 + 1),
            job_title: "Chargé(e) de mission".into(),
        })
        .collect()
}

/// The study visit with `count` participants, each marked present at every half-day.
pub fn study_visit_with_attendance(count: usize) -> (ProgrammeData, Vec<super::Attendee>) {
    use crate::model::{AttendanceMark, HalfDayPart};
    let event = study_visit();
    let marks: Vec<super::Attendance> = super::attendance::half_days(&event.sessions)
        .iter()
        .map(|h| super::Attendance {
            date: h.date,
            part: if h.afternoon {
                HalfDayPart::Afternoon
            } else {
                HalfDayPart::Morning
            },
            mark: AttendanceMark::Present,
        })
        .collect();
    let attendees = participants(count)
        .into_iter()
        .map(|person| super::Attendee {
            person,
            attendance: marks.clone(),
        })
        .collect();
    (event, attendees)
}
