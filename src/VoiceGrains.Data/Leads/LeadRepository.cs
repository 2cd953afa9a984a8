using Npgsql;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Data.Leads;

/// <summary>
/// Leads, one per number: a qualification call writes its score and grade (a later qualification replaces them), and
/// the demo booked or the transfer to sales it led to.
/// </summary>
public sealed class LeadRepository(NpgsqlDataSource dataSource)
{
    const string UpsertLead = """
        INSERT INTO leads (phone, customer_id, response_id, score, grade) VALUES (@phone, @customer, @response, @score, @grade)
        ON CONFLICT (phone) DO UPDATE
           SET customer_id = COALESCE(EXCLUDED.customer_id, leads.customer_id), response_id = EXCLUDED.response_id,
               score = EXCLUDED.score, grade = EXCLUDED.grade, next_step = NULL, demo_appointment_id = NULL, qualified_at = now()
        """;

    const string UpdateNextStep = "UPDATE leads SET next_step = @step, demo_appointment_id = @appointment WHERE phone = @phone";

    const string SelectLeads = """
        SELECT l.id, l.phone, c.name, l.customer_id, l.score, l.grade, l.next_step, l.demo_appointment_id, l.qualified_at
          FROM leads l LEFT JOIN customers c ON c.id = l.customer_id
         WHERE @grade::text IS NULL OR l.grade = @grade
         ORDER BY l.score DESC, l.qualified_at DESC
         LIMIT @limit
        """;

    public async Task SaveQualificationAsync(string phone, long? customerId, long responseId, int score, LeadGrade grade, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpsertLead);
        command.Parameters.AddWithValue("phone", phone);
        command.Parameters.AddWithValue("customer", (object?)customerId ?? DBNull.Value);
        command.Parameters.AddWithValue("response", responseId);
        command.Parameters.AddWithValue("score", score);
        command.Parameters.AddWithValue("grade", grade.Name());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records what the qualified lead on <paramref name="phone"/> did next; false when the number has no lead.</summary>
    public async Task<bool> RecordNextStepAsync(string phone, LeadNextStep step, long? demoAppointmentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpdateNextStep);
        command.Parameters.AddWithValue("phone", phone);
        command.Parameters.AddWithValue("step", step.Name());
        command.Parameters.AddWithValue("appointment", (object?)demoAppointmentId ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The leads, best score first; only those of one grade when <paramref name="grade"/> is given.</summary>
    public async Task<IReadOnlyList<Lead>> ListAsync(LeadGrade? grade, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectLeads);
        command.Parameters.AddWithValue("grade", NpgsqlTypes.NpgsqlDbType.Text, (object?)grade?.Name() ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", limit);
        return await command.ReadAllAsync(r => new Lead(
            r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetInt64(3), r.GetInt32(4),
            CampaignNames.Parse<LeadGrade>(r.GetString(5))!.Value, r.IsDBNull(6) ? null : CampaignNames.Parse<LeadNextStep>(r.GetString(6)),
            r.IsDBNull(7) ? null : r.GetInt64(7), r.GetFieldValue<DateTimeOffset>(8)), cancellationToken);
    }
}
