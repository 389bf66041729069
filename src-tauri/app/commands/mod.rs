//! The Tauri commands: thin wrappers that hand their arguments to the core on a worker thread
//! and return its result or a [`CommandError`](crate::error::CommandError). No SQL and no
//! business rule lives here.

pub mod app;
pub mod documents;
pub mod events;
pub mod exchange;
pub mod experts;
pub mod files;
pub mod library;
pub mod library_files;
pub mod participants;
pub mod people_documents;
pub mod professions;
pub mod reference;
pub mod reports;
pub mod requests;

/// Every command, for `invoke_handler`.
#[macro_export]
macro_rules! all_commands {
    () => {
        tauri::generate_handler![
            $crate::commands::app::app_info,
            $crate::commands::app::database_status,
            $crate::commands::app::list_codes,
            $crate::commands::app::search_all,
            $crate::commands::app::add_demo,
            $crate::commands::app::incomplete_programmes,
            $crate::commands::reference::list_organisations,
            $crate::commands::reference::get_organisation,
            $crate::commands::reference::create_organisation,
            $crate::commands::reference::update_organisation,
            $crate::commands::reference::delete_organisation,
            $crate::commands::reference::list_territories,
            $crate::commands::reference::get_territory,
            $crate::commands::reference::create_territory,
            $crate::commands::reference::update_territory,
            $crate::commands::reference::delete_territory,
            $crate::commands::reference::list_themes,
            $crate::commands::reference::get_theme,
            $crate::commands::reference::create_theme,
            $crate::commands::reference::update_theme,
            $crate::commands::reference::delete_theme,
            $crate::commands::reference::list_profession_families,
            $crate::commands::reference::list_interreg_programmes,
            $crate::commands::professions::list_professions,
            $crate::commands::professions::get_profession,
            $crate::commands::professions::create_profession,
            $crate::commands::professions::update_profession,
            $crate::commands::professions::delete_profession,
            $crate::commands::professions::add_competence,
            $crate::commands::professions::update_competence,
            $crate::commands::professions::delete_competence,
            $crate::commands::professions::add_observation,
            $crate::commands::professions::update_observation,
            $crate::commands::professions::delete_observation,
            $crate::commands::experts::search_experts,
            $crate::commands::experts::get_expert,
            $crate::commands::experts::create_expert,
            $crate::commands::experts::update_expert,
            $crate::commands::experts::delete_expert,
            $crate::commands::experts::list_expert_events,
            $crate::commands::events::search_events,
            $crate::commands::events::get_event,
            $crate::commands::events::create_event,
            $crate::commands::events::update_event,
            $crate::commands::events::delete_event,
            $crate::commands::events::list_sessions,
            $crate::commands::events::get_event_agenda,
            $crate::commands::events::create_session,
            $crate::commands::events::update_session,
            $crate::commands::events::delete_session,
            $crate::commands::events::list_session_conflicts,
            $crate::commands::events::suggest_speakers,
            $crate::commands::events::event_coherence,
            $crate::commands::documents::save_programme_pdf,
            $crate::commands::documents::print_booklet,
            $crate::commands::documents::save_attendance_pdf,
            $crate::commands::documents::send_programme_version,
            $crate::commands::documents::list_programme_versions,
            $crate::commands::documents::save_programme_version,
            $crate::commands::people_documents::save_event_document,
            $crate::commands::people_documents::save_event_documents_each,
            $crate::commands::people_documents::save_mission_letter,
            $crate::commands::reports::save_competences_report,
            $crate::commands::exchange::choose_import_file,
            $crate::commands::exchange::apply_pending_import,
            $crate::commands::exchange::cancel_pending_import,
            $crate::commands::exchange::export_data,
            $crate::commands::exchange::backup_database,
            $crate::commands::exchange::list_backups,
            $crate::commands::exchange::restore_backup,
            $crate::commands::exchange::restore_from_file,
            $crate::commands::requests::list_requests,
            $crate::commands::requests::get_request,
            $crate::commands::requests::create_request,
            $crate::commands::requests::update_request,
            $crate::commands::requests::delete_request,
            $crate::commands::requests::list_request_events,
            $crate::commands::requests::prefill_event_from_request,
            $crate::commands::requests::request_counts,
            $crate::commands::participants::list_participants,
            $crate::commands::participants::get_participant,
            $crate::commands::participants::add_participant,
            $crate::commands::participants::update_participant,
            $crate::commands::participants::cancel_participant,
            $crate::commands::participants::promote_participant,
            $crate::commands::participants::delete_participant,
            $crate::commands::participants::get_attendance,
            $crate::commands::participants::set_attendance,
            $crate::commands::participants::choose_participants_file,
            $crate::commands::participants::apply_participants_import,
            $crate::commands::participants::cancel_participants_import,
            $crate::commands::participants::gdpr_overview,
            $crate::commands::participants::set_retention_years,
            $crate::commands::participants::anonymise_participants,
            $crate::commands::library::list_resources,
            $crate::commands::library::get_resource,
            $crate::commands::library::create_resource,
            $crate::commands::library::update_resource,
            $crate::commands::library::delete_resource,
            $crate::commands::library::get_sessions,
            $crate::commands::library::resources_of_expert,
            $crate::commands::library::resources_of_organisation,
            $crate::commands::library::resources_of_event,
            $crate::commands::library::reviews_due,
            $crate::commands::library_files::choose_resource_files,
            $crate::commands::library_files::attach_resource_files,
            $crate::commands::library_files::open_resource_file,
            $crate::commands::library_files::save_resource_file,
            $crate::commands::library_files::remove_resource_file,
        ]
    };
}
