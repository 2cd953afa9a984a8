using Npgsql;

namespace VoiceGrains.Data.Business;

/// <summary>Reads the business's calendar: one row of business, the weekly hours, the holidays.</summary>
public sealed class BusinessRepository(NpgsqlDataSource dataSource)
{
    const string SelectBusiness = "SELECT name, time_zone FROM business WHERE id = 1";

    const string SelectHours = "SELECT day_of_week, opens_at, closes_at FROM business_hours";

    const string SelectHolidays = "SELECT day, name FROM holidays WHERE day >= current_date - 1 ORDER BY day";

    /// <summary>The calendar, or null before a business has been set up (an empty, unseeded database).</summary>
    public async Task<BusinessCalendar?> GetCalendarAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        string name, zone;
        await using (var command = new NpgsqlCommand(SelectBusiness, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            (name, zone) = (reader.GetString(0), reader.GetString(1));
        }

        await using var selectHours = new NpgsqlCommand(SelectHours, connection);
        var hours = await selectHours.ReadAllAsync(
            reader => (Day: (DayOfWeek)reader.GetInt16(0), Hours: new OpeningHours(TimeOnly.FromTimeSpan(reader.GetTimeSpan(1)), TimeOnly.FromTimeSpan(reader.GetTimeSpan(2)))),
            cancellationToken);
        await using var selectHolidays = new NpgsqlCommand(SelectHolidays, connection);
        var holidays = await selectHolidays.ReadAllAsync(reader => new Holiday(reader.GetFieldValue<DateOnly>(0), reader.GetString(1)), cancellationToken);

        return new BusinessCalendar(name, TimeZoneInfo.FindSystemTimeZoneById(zone), hours.ToDictionary(h => h.Day, h => h.Hours), holidays);
    }
}
