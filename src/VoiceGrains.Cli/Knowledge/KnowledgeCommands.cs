using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using VoiceGrains.Cli.Database;
using VoiceGrains.Conversation;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Data.Knowledge;

namespace VoiceGrains.Cli.Knowledge;

/// <summary><c>voicegrains kb import|ask</c>: the business's knowledge base, loaded from a folder and tried out.</summary>
public static class KnowledgeCommands
{
    static readonly Argument<DirectoryInfo> Folder = new("folder")
    {
        Description = $"A folder of Markdown (.md) or text (.txt) documents, with an optional {KnowledgeFolder.SynonymsFile} (one group of equivalent terms per line)",
    };

    static readonly Argument<string> Question = new("question")
    {
        Description = "A caller's question",
    };

    public static Command Create()
    {
        var import = new Command("import", "Make the knowledge base hold the folder's documents: new and changed ones are (re)loaded, unchanged ones kept, ones no longer in the folder removed");
        import.Arguments.Add(Folder);
        import.Options.Add(DatabaseHost.Connection);
        import.SetAction((parse, cancellationToken) => DatabaseHost.RunAsync(parse, ImportAsync, null, cancellationToken));

        var ask = new Command("ask", "Put a question to the knowledge base as the agent does, and show what it found");
        ask.Arguments.Add(Question);
        ask.Options.Add(DatabaseHost.Connection);
        // The search embeds the question: the conversation services carry the embedder.
        ask.SetAction((parse, cancellationToken) => DatabaseHost.RunAsync(parse, AskAsync, builder => builder.Services.AddVoiceGrainsConversation(), cancellationToken));

        var kb = new Command("kb", "The business's knowledge base (policies, FAQs) that the agent answers questions from");
        kb.Subcommands.Add(import);
        kb.Subcommands.Add(ask);
        return kb;
    }

    static async Task<int> ImportAsync(IServiceProvider services, ParseResult parse, CancellationToken cancellationToken)
    {
        var folder = parse.GetRequiredValue(Folder);
        IReadOnlyList<KnowledgeDocument> documents;
        IReadOnlyList<IReadOnlyList<string>> synonyms;
        try
        {
            (documents, synonyms) = await KnowledgeFolder.ReadAsync(folder.FullName, cancellationToken);
        }
        catch (Exception e) when (e is KnowledgeFormatException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"voicegrains: {e.Message}");
            return 2;
        }
        if (documents.Count == 0)
        {
            await Console.Error.WriteLineAsync($"voicegrains: {folder.FullName} has no .md or .txt documents; nothing imported (the knowledge base is unchanged).");
            return 2;
        }

        Console.WriteLine($"Importing {documents.Count} document(s), {documents.Sum(d => d.Passages.Count)} passage(s), {synonyms.Count} synonym group(s)…");
        var result = await services.GetRequiredService<KnowledgeRepository>().ImportAsync(documents, synonyms, cancellationToken);
        Print("added", result.Added);
        Print("replaced", result.Replaced);
        Print("unchanged", result.Unchanged);
        Print("removed", result.Removed);
        Console.WriteLine($"The knowledge base now has {result.Passages} passage(s) and {result.SynonymGroups} synonym group(s).");
        return 0;
    }

    static async Task<int> AskAsync(IServiceProvider services, ParseResult parse, CancellationToken cancellationToken)
    {
        var question = parse.GetRequiredValue(Question);
        var search = services.GetRequiredService<IKnowledgeSearch>();
        switch (await new KnowledgePlugin(search).AnswerAsync(question, cancellationToken))
        {
            case KnowledgeAnswer answer:
                Console.WriteLine($"Answer: {answer.Answer}");
                foreach (var passage in answer.Passages)
                {
                    Console.WriteLine($"  from {passage.Document} / {passage.Section}: {passage.Text}");
                }
                break;
            case KnowledgeNotFound:
                Console.WriteLine("Not answered: the knowledge base has nothing confident for this question; the agent says it does not know.");
                break;
        }
        foreach (var match in (await search.SearchAsync(question, 3, cancellationToken)).Where(m => m.Sentences.Count > 0))
        {
            var best = match.Sentences.MaxBy(s => s.Relevance)!;
            Console.WriteLine($"  {best.Relevance:0.00} (needs {KnowledgePlugin.ConfidentRelevance:0.00}) {match.Document} / {match.Heading}: {best.Text}");
        }
        return 0;
    }

    static void Print(string what, IReadOnlyList<string> names)
    {
        if (names.Count > 0)
        {
            Console.WriteLine($"  {what,-9} {string.Join(", ", names)}");
        }
    }
}
