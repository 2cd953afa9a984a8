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
    /// The least relevance (words and meaning, <see cref="HybridKnowledgeSearch.Combine"/>) the answering sentence must
    /// have. Set just above all but one unanswerable question of the knowledge evaluation's development set (they
    /// scored up to 0.37; the one above asks the return window in the words of the refund time), so what the documents
    /// do not say is refused; the price is that questions far from the documents' wording go unanswered (BENCHMARKS.md
    /// has both rates).
    /// </summary>
    public const double ConfidentRelevance = 0.38;

    /// <summary>Passages searched for each question, and passages handed to a language model.</summary>
    const int Searched = 12;
    const int Given = 3;

    /// <summary>An answering sentence shorter than this many words is said with the sentence after it.</summary>
    const int ShortSentenceWords = 4;

    /// <summary>The share of the best sentence's relevance at which the next best is said with it.</summary>
    const double RunnerUpShare = 0.9;

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
        var ranked = matches
            .SelectMany((match, m) => match.Sentences.Select((sentence, s) => (Match: m, Sentence: s, sentence.Text, sentence.Relevance)))
            .OrderByDescending(c => c.Relevance).ThenBy(c => c.Match).ThenBy(c => c.Sentence)
            .ToList();
        if (ranked.Count == 0 || ranked[0].Relevance < ConfidentRelevance)
        {
            return NotFound;
        }

        var best = ranked[0];
        var passage = matches[best.Match];
        var said = new List<string> { best.Text };
        if (WordCount(best.Text) < ShortSentenceWords && best.Sentence + 1 < passage.Sentences.Count)
        {
            // A bare "Yes." answers nothing alone: the sentence after it says what.
            said.Add(passage.Sentences[best.Sentence + 1].Text);
        }
        // A runner-up nearly as relevant is said too: a caller's question often hangs on two rules ("can I still
        // cancel?": within 24 hours, and otherwise only with insurance), and the search cannot tell which one they meant.
        var runnerUp = ranked.Skip(1).FirstOrDefault(c => !said.Contains(c.Text, StringComparer.Ordinal));
        if (runnerUp.Text is not null && runnerUp.Relevance >= RunnerUpShare * best.Relevance)
        {
            said.Add(runnerUp.Text);
        }
        var answer = string.Join(' ', said.Select(SpokenAnswer.From));
        var more = passage.Sentences.Select(s => s.Text).Concat(passage.Following)
            .Where(text => !said.Contains(text, StringComparer.Ordinal)).Select(SpokenAnswer.From).ToList();
        var given = matches.Take(Given).Select(m => new KnowledgePassageFound(m.Document, m.Heading, string.Join(' ', m.Sentences.Select(s => s.Text)))).ToList();
        return new KnowledgeAnswer(answer, more, given);
    }

    static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
