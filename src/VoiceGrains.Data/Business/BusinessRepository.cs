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

        var hours = new Dictionary<DayOfWeek, OpeningHours>();
        await using (var command = new NpgsqlCommand(SelectHours, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                hours[(DayOfWeek)reader.GetInt16(0)] = new OpeningHours(
                    TimeOnly.FromTimeSpan(reader.GetTimeSpan(1)), TimeOnly.FromTimeSpan(reader.GetTimeSpan(2)));
            }
        }

        var holidays = new List<Holiday>();
        await using (var command = new NpgsqlCommand(SelectHolidays, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                holidays.Add(new Holiday(reader.GetFieldValue<DateOnly>(0), reader.GetString(1)));
            }
        }

        return new BusinessCalendar(name, TimeZoneInfo.FindSystemTimeZoneById(zone), hours, holidays);
    }
}
