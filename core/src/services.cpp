#include "bistime/core/services.hpp"

namespace bistime {

Services::Services(const StoragePorts& storage, const PlatformPorts& platform,
                   const ServiceSettings& settings)
    : event_access_({storage.events, platform.hasher, storage.attempts, platform.clock,
                     platform.zones, settings.zone}),
      team_access_({storage.teams, platform.hasher, storage.attempts, platform.clock}),
      names_(platform.unicode),
      answers_cache_(settings.cache_bytes),
      roster_cache_(settings.roster_cache_bytes),
      events({event_access_, answers_cache_, team_access_, storage.events, storage.dates,
              storage.schedules, storage.unit, platform.random, platform.hasher, names_}),
      dates({event_access_, storage.events, storage.dates, storage.unit}),
      decisions({event_access_, answers_cache_, storage.events, storage.dates, storage.schedules,
                 storage.unit, platform.calendar_writer, settings.event_link}),
      availability({event_access_, answers_cache_, storage.dates, storage.schedules, names_}),
      schedules({event_access_, answers_cache_, storage.dates, storage.schedules,
                 storage.participants, storage.members, team_access_, storage.unit,
                 storage.attempts, platform.hasher, platform.calendars, names_,
                 settings.max_people}),
      feedback(storage.feedback, platform.clock),
      teams({team_access_, storage.teams, storage.subgroups, platform.clock, platform.random,
             platform.hasher, platform.zones, storage.members, names_}),
      subgroups({team_access_, storage.subgroups, platform.clock, platform.random, names_}),
      regular_events({team_access_, storage.regular_events, platform.clock, platform.random,
                      platform.zones, platform.calendar_writer, names_, settings.zone}),
      members({team_access_, roster_cache_, storage.subgroups, storage.members, platform.clock,
               platform.calendars, platform.zones, platform.hasher, platform.random, names_,
               settings.zone, settings.max_members}) {}

}  // namespace bistime
