using System.Globalization;
using System.Text;
using Npgsql;
using VoiceGrains.Data.Knowledge;
using Xunit.Abstractions;

namespace VoiceGrains.Conversation.Tests.Knowledge;

/// <summary>
/// The offline engine answering the caller questions of ../shared/testdata/knowledge from two real policy documents
/// (tau-bench's airline and retail policies) loaded as the business's knowledge base: each question the first line of a
/// fresh call, scored as that folder's README says. Every reply is written to a report (read the failures and a sample
/// of the passes); BENCHMARKS.md records the rates this prints.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KnowledgeEvaluationTests(PostgresFixture postgres, ITestOutputHelper output)
{
    /// <summary>The issue's target for refusals, met: what the documents do not say is not answered.</summary>
    const double RefusalTarget = 0.9;

    /// <summary>
    /// A floor under today's answerable rate (16 of 36), so a change that loses answers fails here. The issue's target,
    /// 80 %, is not met by the offline engine (BENCHMARKS.md says why); raise this as it improves.
    /// </summary>
    const double AnswerableFloor = 0.4;

    /// <summary>What the offline engine says when the documents do not answer (OfflineDialog.Knowledge).</summary>
    const string Refusal = "i don't have that information";

    [SharedDataFact]
    public async Task TheOfflineEngineAnswersFromTheDocumentsAndRefusesWhatTheyDoNotSay()
    {
        var questions = KnowledgeQuestion.Load();
        var report = new StringBuilder();
        // One database per knowledge base, shared by both ways of asking: each question starts a call of its own.
        var harnesses = new Dictionary<string, AgentHarness>();
        Score own, both;
        try
        {
            foreach (var documents in new[] { "airline", "retail", "both" })
            {
                var dataSource = await postgres.CreateMigratedAsync();
                await LoadAsync(dataSource, documents == "both" ? ["airline", "retail"] : [documents]);
                harnesses[documents] = await AgentHarness.StartAsync(dataSource);
            }
            own = await EvaluateAsync(questions, harnesses, both: false, report);
            both = await EvaluateAsync(questions, harnesses, both: true, report);
        }
        finally
        {
            foreach (var harness in harnesses.Values)
            {
                await harness.DisposeAsync();
            }
        }
        var path = Path.Combine(AppContext.BaseDirectory, "knowledge-evaluation.md");
        await File.WriteAllTextAsync(path, report.ToString());

        output.WriteLine($"Replies: {path}");
        output.WriteLine($"Each business's own document: {own}");
        output.WriteLine($"Both documents for every question: {both}");
        Assert.True(own.AnswerableRate >= AnswerableFloor, $"answerable {own}");
        Assert.True(own.RefusalRate >= RefusalTarget, $"refusals {own}");
    }

    static async Task<Score> EvaluateAsync(IReadOnlyList<KnowledgeQuestion> questions, Dictionary<string, AgentHarness> harnesses, bool both, StringBuilder report)
    {
        report.AppendLine(both ? "# Both documents for every question" : "# The business's own document (both when the question names none)").AppendLine();
        var score = new Score();
        foreach (var question in questions)
        {
            var agent = await harnesses[both ? "both" : question.Document ?? "both"].NewCallAsync();
            var reply = await agent.SayAsync(question.Question);
            var missing = question.MissingFacts(reply);
            var refused = reply.Contains(Refusal, StringComparison.OrdinalIgnoreCase);
            var passed = question.Answerable ? missing.Count == 0 && !refused : refused;
            score.Add(question, passed);
            var verdict = passed ? "pass" : question.Answerable ? $"FAIL, missing: {string.Join(", ", missing)}" : "FAIL";
            report.AppendLine(CultureInfo.InvariantCulture, $"- {question.Id} ({question.Document ?? "either"}, {(question.Answerable ? "answerable" : "unanswerable")}) **{verdict}**");
            report.AppendLine(CultureInfo.InvariantCulture, $"  - caller: {question.Question}");
            report.AppendLine(CultureInfo.InvariantCulture, $"  - agent: {reply}");
        }
        report.AppendLine().AppendLine(score.ToString()).AppendLine();
        return score;
    }

    static async Task LoadAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> documents)
    {
        var files = documents.Select(d => ($"{d}-policy.md", File.ReadAllBytes(SharedData.PathOf("knowledge", "docs", $"{d}-policy.md"))));
        var (parsed, synonyms) = KnowledgeFolder.Parse(files);
        await new KnowledgeRepository(dataSource).ImportAsync(parsed, synonyms, CancellationToken.None);
    }

    sealed class Score
    {
        readonly Dictionary<string, (int Passed, int Asked)> answerable = new() { ["airline"] = (0, 0), ["retail"] = (0, 0) };
        int refused;
        int unanswerable;

        public double AnswerableRate => answerable.Values.Sum(v => v.Passed) / (double)answerable.Values.Sum(v => v.Asked);

        public double RefusalRate => refused / (double)unanswerable;

        public void Add(KnowledgeQuestion question, bool passed)
        {
            if (question.Answerable)
            {
                var (p, a) = answerable[question.Document!];
                answerable[question.Document!] = (p + (passed ? 1 : 0), a + 1);
            }
            else
            {
                unanswerable++;
                refused += passed ? 1 : 0;
            }
        }

        public override string ToString() =>
            $"answerable {answerable.Values.Sum(v => v.Passed)}/{answerable.Values.Sum(v => v.Asked)} ({AnswerableRate:P0}; airline {answerable["airline"].Passed}/{answerable["airline"].Asked}, retail {answerable["retail"].Passed}/{answerable["retail"].Asked}), unanswerable refused {refused}/{unanswerable} ({RefusalRate:P0})";
    }
}
