using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VoiceGrains.Data.Campaigns;

namespace VoiceGrains.Data.Surveys;

/// <summary>
/// Question sets, their responses and answers. Operators create question sets (through the API); a call's agent
/// writes its one response, each answer as it is given, so an answer survives the call being cut off.
/// </summary>
public sealed class SurveyRepository(NpgsqlDataSource dataSource)
{
    /// <summary>How many open answers per question a report quotes, newest first.</summary>
    public const int ReportVerbatims = 50;

    const string InsertSurvey = """
        INSERT INTO surveys (name, kind, follow_up_at_or_below, hot_at, warm_at)
        VALUES (@name, @kind, @followUp, @hotAt, @warmAt)
        ON CONFLICT (name) DO NOTHING
        RETURNING id
        """;

    const string InsertQuestion = """
        INSERT INTO survey_questions (survey_id, position, kind, text, choices, points)
        VALUES (@survey, @position, @kind, @text, @choices, @points::jsonb)
        """;

    const string SelectSurvey = "SELECT id, name, kind, follow_up_at_or_below, hot_at, warm_at, created_at FROM surveys WHERE ";

    const string SelectQuestions = "SELECT position, kind, text, choices, points::text FROM survey_questions WHERE survey_id = @id ORDER BY position";

    const string SelectList = """
        SELECT s.id, s.name, s.kind, (SELECT count(*) FROM survey_questions q WHERE q.survey_id = s.id),
               count(r.id), count(r.completed_at) FILTER (WHERE NOT r.declined), s.created_at
          FROM surveys s LEFT JOIN survey_responses r ON r.survey_id = s.id
         GROUP BY s.id ORDER BY s.created_at DESC, s.id DESC
        """;

    // A repeated start (the call's grain moved to another silo) finds the response it began.
    const string UpsertResponse = """
        INSERT INTO survey_responses (survey_id, call_sid, phone, customer_id) VALUES (@survey, @sid, @phone, @customer)
        ON CONFLICT (call_sid) DO UPDATE SET customer_id = COALESCE(survey_responses.customer_id, EXCLUDED.customer_id)
        RETURNING id
        """;

    const string SelectAnswers = "SELECT position, answer, value, sentiment, keyed FROM survey_answers WHERE response_id = @id ORDER BY position";

    // A corrected answer replaces the first ("sorry, I meant four").
    const string UpsertAnswer = """
        INSERT INTO survey_answers (response_id, position, answer, value, sentiment, keyed)
        VALUES (@response, @position, @answer, @value, @sentiment, @keyed)
        ON CONFLICT (response_id, position) DO UPDATE
           SET answer = EXCLUDED.answer, value = EXCLUDED.value, sentiment = EXCLUDED.sentiment, keyed = EXCLUDED.keyed, answered_at = now()
        """;

    const string FinishResponse = "UPDATE survey_responses SET completed_at = COALESCE(completed_at, now()), declined = @declined WHERE id = @id";

    const string SelectCounts = """
        SELECT count(*), count(completed_at) FILTER (WHERE NOT declined), count(*) FILTER (WHERE declined)
          FROM survey_responses WHERE survey_id = @id
        """;

    const string SelectQuestionFigures = """
        SELECT a.position, count(*), avg(a.value),
               count(*) FILTER (WHERE a.value >= 9), count(*) FILTER (WHERE a.value <= 6),
               count(*) FILTER (WHERE a.sentiment > 0.2), count(*) FILTER (WHERE a.sentiment BETWEEN -0.2 AND 0.2),
               count(*) FILTER (WHERE a.sentiment < -0.2), avg(a.sentiment)
          FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
         WHERE r.survey_id = @id
         GROUP BY a.position
        """;

    const string SelectDistribution = """
        SELECT a.position, a.answer, count(*)
          FROM survey_answers a
          JOIN survey_responses r ON r.id = a.response_id
          JOIN survey_questions q ON q.survey_id = r.survey_id AND q.position = a.position
         WHERE r.survey_id = @id AND q.kind <> 'open'
         GROUP BY a.position, a.answer
         ORDER BY a.position, min(a.value), a.answer
        """;

    const string SelectVerbatims = """
        SELECT position, answer FROM (
            SELECT a.position, a.answer, a.answered_at, row_number() OVER (PARTITION BY a.position ORDER BY a.answered_at DESC) AS n
              FROM survey_answers a
              JOIN survey_responses r ON r.id = a.response_id
              JOIN survey_questions q ON q.survey_id = r.survey_id AND q.position = a.position
             WHERE r.survey_id = @id AND q.kind = 'open') v
         WHERE n <= @limit
         ORDER BY position, answered_at DESC
        """;

    const string SelectExport = """
        SELECT r.id, r.call_sid, r.phone, r.started_at, r.completed_at, r.declined, a.position, a.answer, a.value, a.sentiment, a.keyed, a.answered_at
          FROM survey_responses r JOIN survey_answers a ON a.response_id = r.id
         WHERE r.survey_id = @id
         ORDER BY r.started_at, r.id, a.position
        """;

    /// <summary>Stores a new question set; null when the name is taken.</summary>
    public async Task<Survey?> CreateAsync(SurveyDefinition definition, CancellationToken cancellationToken)
    {
        if (definition.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(definition));
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(InsertSurvey, connection, transaction);
        insert.Parameters.AddWithValue("name", definition.Name.Trim());
        insert.Parameters.AddWithValue("kind", definition.Kind.Name());
        insert.Parameters.Add(Nullable("followUp", definition.FollowUpAtOrBelow));
        insert.Parameters.Add(Nullable("hotAt", definition.HotAt));
        insert.Parameters.Add(Nullable("warmAt", definition.WarmAt));
        if (await insert.ExecuteScalarAsync(cancellationToken) is not long id)
        {
            return null;
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var question in definition.Questions)
        {
            var command = new NpgsqlBatchCommand(InsertQuestion);
            command.Parameters.AddWithValue("survey", id);
            command.Parameters.AddWithValue("position", question.Number);
            command.Parameters.AddWithValue("kind", question.Kind.Name());
            command.Parameters.AddWithValue("text", question.Text.Trim());
            command.Parameters.AddWithValue("choices", question.Choices.Select(c => c.Trim()).ToArray());
            command.Parameters.AddWithValue("points", JsonSerializer.Serialize(question.Points));
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public Task<Survey?> GetAsync(long id, CancellationToken cancellationToken) => FindAsync("id = @key", id, cancellationToken);

    public Task<Survey?> FindByNameAsync(string name, CancellationToken cancellationToken) => FindAsync("name = @key", name.Trim(), cancellationToken);

    public async Task<IReadOnlyList<SurveyListItem>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectList);
        return await command.ReadAllAsync(r => new SurveyListItem(
            r.GetInt64(0), r.GetString(1), CampaignNames.Parse<SurveyKind>(r.GetString(2))!.Value, (int)r.GetInt64(3),
            (int)r.GetInt64(4), (int)r.GetInt64(5), r.GetFieldValue<DateTimeOffset>(6)), cancellationToken);
    }

    /// <summary>The call's response to the survey: begun on the first call, the same one after that.</summary>
    public async Task<long> BeginResponseAsync(long surveyId, string callSid, string phone, long? customerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpsertResponse);
        command.Parameters.AddWithValue("survey", surveyId);
        command.Parameters.AddWithValue("sid", callSid);
        command.Parameters.AddWithValue("phone", phone);
        command.Parameters.Add(Nullable("customer", customerId));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<SurveyAnswer>> AnswersAsync(long responseId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectAnswers);
        command.Parameters.AddWithValue("id", responseId);
        return await command.ReadAllAsync(r => new SurveyAnswer(
            r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt32(2), r.IsDBNull(3) ? null : r.GetFloat(3), r.GetBoolean(4)), cancellationToken);
    }

    public async Task SaveAnswerAsync(long responseId, SurveyAnswer answer, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpsertAnswer);
        command.Parameters.AddWithValue("response", responseId);
        command.Parameters.AddWithValue("position", answer.Question);
        command.Parameters.AddWithValue("answer", answer.Answer);
        command.Parameters.Add(Nullable("value", answer.Value));
        command.Parameters.Add(new NpgsqlParameter("sentiment", NpgsqlDbType.Real) { Value = (object?)answer.Sentiment ?? DBNull.Value });
        command.Parameters.AddWithValue("keyed", answer.Keyed);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The response is over: every question answered, or (<paramref name="declined"/>) the callee would not take part.</summary>
    public async Task FinishResponseAsync(long responseId, bool declined, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FinishResponse);
        command.Parameters.AddWithValue("id", responseId);
        command.Parameters.AddWithValue("declined", declined);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The survey's results; null for a survey that does not exist.</summary>
    public async Task<SurveyReport?> ReportAsync(long surveyId, CancellationToken cancellationToken)
    {
        if (await GetAsync(surveyId, cancellationToken) is not { } survey)
        {
            return null;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var counts = new NpgsqlCommand(SelectCounts, connection);
        counts.Parameters.AddWithValue("id", surveyId);
        var (responses, completed, declined) = (await counts.ReadAllAsync(r => ((int)r.GetInt64(0), (int)r.GetInt64(1), (int)r.GetInt64(2)), cancellationToken))[0];

        await using var figures = new NpgsqlCommand(SelectQuestionFigures, connection);
        figures.Parameters.AddWithValue("id", surveyId);
        var byQuestion = (await figures.ReadAllAsync(r => (
            Number: r.GetInt32(0), Answered: (int)r.GetInt64(1), Average: r.IsDBNull(2) ? (double?)null : (double)r.GetDecimal(2),
            Promoters: (int)r.GetInt64(3), Detractors: (int)r.GetInt64(4),
            Sentiment: new SentimentCounts((int)r.GetInt64(5), (int)r.GetInt64(6), (int)r.GetInt64(7), r.IsDBNull(8) ? 0 : r.GetDouble(8))),
            cancellationToken)).ToDictionary(f => f.Number);

        await using var distribution = new NpgsqlCommand(SelectDistribution, connection);
        distribution.Parameters.AddWithValue("id", surveyId);
        var counted = (await distribution.ReadAllAsync(r => (Number: r.GetInt32(0), Count: new AnswerCount(r.GetString(1), (int)r.GetInt64(2))), cancellationToken))
            .ToLookup(d => d.Number, d => d.Count);

        await using var verbatims = new NpgsqlCommand(SelectVerbatims, connection);
        verbatims.Parameters.AddWithValue("id", surveyId);
        verbatims.Parameters.AddWithValue("limit", ReportVerbatims);
        var quoted = (await verbatims.ReadAllAsync(r => (Number: r.GetInt32(0), Text: r.GetString(1)), cancellationToken)).ToLookup(v => v.Number, v => v.Text);

        var questions = survey.Questions.Select(q =>
        {
            var found = byQuestion.TryGetValue(q.Number, out var f);
            var numeric = q.Kind is QuestionKind.Rating or QuestionKind.Nps;
            return new QuestionReport(
                q.Number, q.Kind, q.Text, found ? f.Answered : 0, counted[q.Number].ToList(),
                numeric && found ? f.Average : null,
                q.Kind == QuestionKind.Nps && found && f.Answered > 0 ? (int)Math.Round(100.0 * (f.Promoters - f.Detractors) / f.Answered) : null,
                q.Kind == QuestionKind.Open ? (found ? f.Sentiment : new SentimentCounts(0, 0, 0, 0)) : null,
                quoted[q.Number].ToList());
        }).ToList();
        return new SurveyReport(survey.Id, survey.Name, survey.Kind, responses, completed, declined, questions);
    }

    /// <summary>Every answer of the survey with its response, oldest response first.</summary>
    public async Task<IReadOnlyList<SurveyResponseRow>> ExportAsync(long surveyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectExport);
        command.Parameters.AddWithValue("id", surveyId);
        return await command.ReadAllAsync(r => new SurveyResponseRow(
            r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
            r.GetBoolean(5), r.GetInt32(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetInt32(8), r.IsDBNull(9) ? null : r.GetFloat(9),
            r.GetBoolean(10), r.GetFieldValue<DateTimeOffset>(11)), cancellationToken);
    }

    async Task<Survey?> FindAsync(string condition, object key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand(SelectSurvey + condition, connection);
        select.Parameters.AddWithValue("key", key);
        var found = await select.ReadAllAsync(r => (
            Id: r.GetInt64(0), Name: r.GetString(1), Kind: CampaignNames.Parse<SurveyKind>(r.GetString(2))!.Value,
            FollowUp: r.IsDBNull(3) ? (int?)null : r.GetInt32(3), HotAt: r.IsDBNull(4) ? (int?)null : r.GetInt32(4),
            WarmAt: r.IsDBNull(5) ? (int?)null : r.GetInt32(5), CreatedAt: r.GetFieldValue<DateTimeOffset>(6)), cancellationToken);
        if (found.Count == 0)
        {
            return null;
        }
        var s = found[0];
        await using var questions = new NpgsqlCommand(SelectQuestions, connection);
        questions.Parameters.AddWithValue("id", s.Id);
        var list = await questions.ReadAllAsync(r => new SurveyQuestion(
            r.GetInt32(0), CampaignNames.Parse<QuestionKind>(r.GetString(1))!.Value, r.GetString(2), r.GetFieldValue<string[]>(3),
            JsonSerializer.Deserialize<Dictionary<string, int>>(r.GetString(4))!), cancellationToken);
        return new Survey(s.Id, new SurveyDefinition(s.Name, s.Kind, list, s.FollowUp, s.HotAt, s.WarmAt), s.CreatedAt);
    }

    static NpgsqlParameter Nullable<T>(string name, T? value) where T : struct =>
        new(name, value is null ? DBNull.Value : value.Value);
}
