using System.ComponentModel;
using Microsoft.SemanticKernel;
using VoiceGrains.Data.Knowledge;

namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// Answers from the business's own documents. Whether the documents answer at all is decided here, in code, for both
/// engines: below <see cref="ConfidentRelevance"/> nothing is returned, so neither engine has a passage to stretch into
/// an answer the documents do not give.
/// </summary>
public sealed class KnowledgePlugin(IKnowledgeSearch search)
{
    /// <summary>
    /// The least share of a question's weight (see <see cref="QuestionCoverage"/>) the answering sentence must cover.
    /// Set above every unanswerable question of the knowledge evaluation's development set (the highest scored 0.37),
    /// so what the documents do not say is refused; the price is that chatty questions worded unlike the documents go
    /// unanswered (BENCHMARKS.md has both rates).
    /// </summary>
    public const double ConfidentRelevance = 0.4;

    /// <summary>Passages searched for each question, and passages handed to a language model.</summary>
    const int Searched = 12;
    const int Given = 3;

    /// <summary>An answering sentence shorter than this many words is said with the sentence after it.</summary>
    const int ShortSentenceWords = 4;

    public static readonly KnowledgeNotFound NotFound = new(
        "Our documents do not answer this. Tell the caller you don't know, without guessing, and offer to transfer them to a person or to arrange a callback.");

    [KernelFunction(AgentFunctions.AnswerQuestion)]
    [Description("Looks the caller's question up in the business's own documents (returns, refunds, shipping, warranty, in-store services, payment, pickup, other policies). Answer policy questions only from what it returns. Opening hours come from the hours functions, not from here.")]
    public async Task<object> AnswerAsync([Description("The caller's question, in their own words")] string question, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return new Refusal("What would you like to know?", "Pass the caller's question.");
        }
        var matches = await search.SearchAsync(question, Searched, cancellationToken);
        var best = matches
            .SelectMany((match, m) => match.Sentences.Select((sentence, s) => (Match: m, Sentence: s, sentence.Relevance)))
            .OrderByDescending(c => c.Relevance).ThenBy(c => c.Match).ThenBy(c => c.Sentence)
            .FirstOrDefault();
        if (matches.Count == 0 || best.Relevance < ConfidentRelevance)
        {
            return NotFound;
        }

        var passage = matches[best.Match];
        var said = new SortedSet<int> { best.Sentence };
        if (WordCount(passage.Sentences[best.Sentence].Text) < ShortSentenceWords && best.Sentence + 1 < passage.Sentences.Count)
        {
            // A bare "Yes." answers nothing alone: the sentence after it says what.
            said.Add(best.Sentence + 1);
        }
        var answer = string.Join(' ', said.Select(i => SpokenAnswer.From(passage.Sentences[i].Text)));
        var more = passage.Sentences.Where((_, i) => !said.Contains(i)).Select(s => s.Text).Concat(passage.Following).Select(SpokenAnswer.From).ToList();
        var given = matches.Take(Given).Select(m => new KnowledgePassageFound(m.Document, m.Heading, string.Join(' ', m.Sentences.Select(s => s.Text)))).ToList();
        return new KnowledgeAnswer(answer, more, given);
    }

    static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
