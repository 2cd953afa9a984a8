using System.Text.Json;
using Npgsql;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Calls;

namespace VoiceGrains.Data.Tests;

[Collection(PostgresCollection.Name)]
public sealed class OperatorViewTests(PostgresFixture postgres)
{
    // 14:00 UTC is 10:00 in New York (the demo business's zone); 03:00 UTC the next day is still 23:00 there.
    static readonly DateTimeOffset Morning = new(2025, 6, 10, 14, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset LateEveningLocal = new(2025, 6, 11, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ViewsReportSeededDataAndTheCallsOfTheDay()
    {
        await using var dataSource = await postgres.CreateMigratedAsync();
        var calls = new CallRepository(dataSource);
        var customerId = await dataSource.ScalarAsync<long>("SELECT id FROM customers WHERE phone = '+15550100001'");

        await calls.SaveCallAsync(Call("CA-completed", customerId, Morning, Morning.AddMinutes(5), CallOutcome.Completed), default);
        await calls.SaveCallAsync(Call("CA-transferred", customerId, Morning.AddHours(1), Morning.AddHours(1).AddMinutes(2), CallOutcome.Transferred), default);
        await calls.SaveCallAsync(Call("CA-late", customerId, LateEveningLocal, LateEveningLocal.AddMinutes(1), CallOutcome.Completed), default);
        await calls.SaveCallAsync(Call("CA-live", customerId, Morning.AddHours(2), null, null), default);
        await calls.SaveTurnsAsync("CA-live",
        [
            new CallTurn(0, Speaker.Agent, "Hello, Northwind Home Goods.", Morning.AddHours(2), null, new TurnLatency()),
            new CallTurn(1, Speaker.Caller, "Where is my order?", Morning.AddHours(2).AddSeconds(3), null, new TurnLatency(SpeechToTextMs: 180)),
        ], default);
        await dataSource.ExecuteAsync("""
            UPDATE calls SET sentiment = CASE call_sid WHEN 'CA-completed' THEN 0.5 WHEN 'CA-transferred' THEN -0.5 WHEN 'CA-late' THEN 1 END;
            INSERT INTO csat_ratings (call_sid, rating) VALUES ('CA-completed', 4), ('CA-transferred', 2);
            """);

        var active = await RowsAsync(dataSource, "SELECT call_sid, customer_name, turns FROM active_calls");
        var live = Assert.Single(active);
        Assert.Equal("CA-live", live["call_sid"]);
        Assert.Equal(2L, live["turns"]);
        Assert.Equal("James Smith", live["customer_name"]);

        var day = Assert.Single(await RowsAsync(dataSource, "SELECT * FROM daily_stats WHERE day = '2025-06-10'"));
        Assert.Equal(4L, day["calls"]);
        Assert.Equal(160.0m, day["avg_duration_seconds"]);            // (300 + 120 + 60) / 3; the live call has no duration yet
        Assert.Equal(0.333m, day["avg_sentiment"]);
        Assert.Equal(3.00m, day["avg_csat"]);
        Assert.Equal(2L, day["csat_responses"]);
        var outcomes = JsonSerializer.Deserialize<Dictionary<string, int>>((string)day["outcomes"]!);
        Assert.Equal(new Dictionary<string, int> { ["completed"] = 2, ["transferred"] = 1, ["in_progress"] = 1 }, outcomes);
        Assert.Empty(await RowsAsync(dataSource, "SELECT * FROM daily_stats WHERE day = '2025-06-11'"));

        var activity = Assert.Single(await RowsAsync(dataSource, $"SELECT * FROM customer_activity WHERE customer_id = {customerId}"));
        Assert.Equal(4L, activity["calls"]);
        Assert.Equal(LateEveningLocal, activity["last_call_at"]);
        Assert.Equal(await dataSource.ScalarAsync<long>($"SELECT count(*) FROM orders WHERE customer_id = {customerId}"), activity["orders"]);
        Assert.True((long)activity["orders"]! > 0);
        Assert.Equal(await dataSource.ScalarAsync<long>($"SELECT count(*) FROM appointments WHERE customer_id = {customerId} AND status <> 'cancelled'"), activity["appointments"]);
        Assert.Equal(50L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM customer_activity"));
    }

    [Fact]
    public async Task SeedDataHasTheDemoBusiness()
    {
        await using var dataSource = await postgres.CreateMigratedAsync();

        Assert.Equal(50L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM customers"));
        Assert.Equal(200L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM orders"));
        Assert.Equal(6L, await dataSource.ScalarAsync<long>("SELECT count(DISTINCT status) FROM orders"));
        Assert.Equal(2L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM services"));
        Assert.True(await dataSource.ScalarAsync<bool>("""
            SELECT min(starts_at) > now() AND max(starts_at) < now() + interval '31 days' AND count(DISTINCT staff_id) = 4
              FROM appointment_slots
            """));
        Assert.True(await dataSource.ScalarAsync<bool>("SELECT NOT EXISTS (SELECT 1 FROM appointment_slots s JOIN holidays h ON h.day = (s.starts_at AT TIME ZONE 'America/New_York')::date)"));
        Assert.True(await dataSource.ScalarAsync<long>("SELECT count(*) FROM holidays") > 0);
    }

    static CallSnapshot Call(string sid, long customerId, DateTimeOffset started, DateTimeOffset? ended, CallOutcome? outcome) =>
        new(sid, CallDirection.Inbound, "+15550100001", "+15550100000", customerId,
            ended is null ? CallStatus.Listening : CallStatus.Ended, started, ended, outcome, [], "test");

    static async Task<List<Dictionary<string, object?>>> RowsAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null
                    : reader.GetDataTypeName(i) == "jsonb" ? reader.GetString(i)
                    : reader.GetDataTypeName(i) == "timestamp with time zone" ? reader.GetFieldValue<DateTimeOffset>(i)
                    : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }
}
