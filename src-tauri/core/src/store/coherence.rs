//! What the coherence check of an event reads: the event, its sessions with their speakers,
//! the agenda warnings and the speakers' consent and languages, in a fixed number of queries
//! whatever the size of the agenda; the rules themselves are `crate::coherence`'s.

use std::collections::HashMap;

use super::Store;
use crate::coherence::{check, EventFacts, Finding, SpeakerFacts};
use crate::error::CoreResult;
use crate::model::{LanguageSkill, PartnerLanguage};

impl Store {
    /// The coherence findings of `event_id` (`NotFound` if there is no such event), with the
    /// untranslated texts when a programme in `bilingual` is about to be printed.
    pub fn coherence_of(
        &self,
        event_id: &str,
        bilingual: Option<PartnerLanguage>,
    ) -> CoreResult<Vec<Finding>> {
        let event = self.get_event(event_id)?;
        let sessions = self.list_sessions(event_id)?;
        let conflicts = self.session_conflicts(event_id)?;
        let speakers = self.speaker_facts(event_id)?;
        let facts = EventFacts {
            event: &event,
            sessions: &sessions,
            speakers: &speakers,
            conflicts: &conflicts,
        };
        Ok(check(&facts, bilingual))
    }

    /// Name, consent and languages of every speaker of the event, by expert id (two queries).
    fn speaker_facts(&self, event_id: &str) -> CoreResult<HashMap<String, SpeakerFacts>> {
        const SPEAKERS: &str = "SELECT DISTINCT ss.expert_id FROM session_speakers ss
               JOIN sessions s ON s.id = ss.session_id WHERE s.event_id = ?1";
        let mut statement = self.conn().prepare_cached(&format!(
            "SELECT id, first_name, last_name, consent_date FROM experts
              WHERE id IN ({SPEAKERS})"
        ))?;
        let rows = statement.query_map([event_id], |row| {
            let first: String = row.get(1)?;
            let last: String = row.get(2)?;
            let facts = SpeakerFacts {
                name: format!("{} {}", first.trim(), last.trim())
                    .trim()
                    .to_string(),
                consent_date: row.get(3)?,
                languages: Vec::new(),
            };
            Ok((row.get::<_, String>(0)?, facts))
        })?;
        let mut speakers: HashMap<String, SpeakerFacts> = rows.collect::<Result<_, _>>()?;
        let mut statement = self.conn().prepare_cached(&format!(
            "SELECT expert_id, language, level FROM expert_languages
              WHERE expert_id IN ({SPEAKERS}) ORDER BY expert_id, position"
        ))?;
        let rows = statement.query_map([event_id], |row| {
            let skill = LanguageSkill {
                language: row.get(1)?,
                level: row.get(2)?,
            };
            Ok((row.get::<_, String>(0)?, skill))
        })?;
        for row in rows {
            let (expert, skill) = row?;
            if let Some(facts) = speakers.get_mut(&expert) {
                facts.languages.push(skill);
            }
        }
        Ok(speakers)
    }
}
