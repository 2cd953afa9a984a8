using System.Text;
using CsCheck;
using VoiceGrains.Audio;
using VoiceGrains.Conversation;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Conversation.Understanding;
using VoiceGrains.Frontend.MediaStreams;
using Xunit.Abstractions;

namespace VoiceGrains.Fuzz.Tests;

/// <summary>
/// The parsers that read the outside world, each fed <see cref="Fuzzing.Inputs"/> generated inputs (issue: hardening;
/// the counts and timings of the last run are in BENCHMARKS.md). Webhook forms are fuzzed through the front end itself
/// (VoiceGrains.Frontend.Tests, WebhookFuzzTests).
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    static readonly string MediaStreams = SharedData.PathOf("twilio", "media-streams");

    /// <summary>Twilio's own messages: every example, and the first and last of a whole recorded session.</summary>
    static List<byte[]> TwilioMessages()
    {
        var session = File.ReadAllLines(Path.Combine(MediaStreams, "sessions", "jfk-inbound.jsonl"));
        return Directory.GetFiles(Path.Combine(MediaStreams, "from-twilio"), "*.json").Select(File.ReadAllBytes)
            .Concat(session.Take(20).Concat(session.TakeLast(5)).Select(Encoding.UTF8.GetBytes))
            .ToList();
    }

    [SharedDataFact]
    public async Task MediaStreamsMessagesNeverThrow()
    {
        var report = await Fuzzing.RunAsync(Fuzzing.Mutations(TwilioMessages()), message =>
        {
            if (MediaStreamParser.Parse(message, out var error) is null)
            {
                Assert.NotNull(error);
            }
        }, Convert.ToBase64String);
        output.WriteLine($"Media Streams JSON: {report}");
    }

    [Fact]
    public async Task MediaPayloadsOfAnyTextDecodeOrAreRefusedNeverThrow()
    {
        var payloads = Gen.Frequency(
            (2, Gen.Byte.Array[0, 480].Select(Convert.ToBase64String)),
            (1, Gen.String["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \\\"\u00e9\u0000"]));
        var report = await Fuzzing.RunAsync(payloads, payload =>
        {
            var message = $$$"""{"event":"media","sequenceNumber":"2","media":{"track":"inbound","chunk":"1","timestamp":"20","payload":"{{{payload}}}"}}""";
            if (MediaStreamParser.Parse(Encoding.UTF8.GetBytes(message), out _) is MediaStreamEvent.Media media)
            {
                var samples = MuLaw.DecodeToFloat(media.Payload);
                Assert.Equal(media.Payload.Length, samples.Length);
                var frames = Frames.SplitMuLaw(media.Payload);
                Assert.Equal((media.Payload.Length + Frames.TelephonyFrameBytes - 1) / Frames.TelephonyFrameBytes, frames.Count);
                Assert.All(frames, f => Assert.Equal(Frames.TelephonyFrameBytes, f.Length));
            }
        }, p => p);
        output.WriteLine($"base64 / μ-law payloads: {report}");
    }

    [Fact]
    public async Task WavFilesAreReadOrRefusedWithAnAudioFormatError()
    {
        var folder = Directory.CreateTempSubdirectory("fuzz-wav-").FullName;
        var clip = new AudioClip(Enumerable.Range(0, 400).Select(i => MathF.Sin(i / 5f) / 2).ToArray(), 8000);
        var samples = Enum.GetValues<WavEncoding>().Select(encoding =>
        {
            var path = Path.Combine(folder, $"{encoding}.wav");
            WavFile.Write(path, clip, encoding);
            return File.ReadAllBytes(path);
        }).ToList();
        Directory.Delete(folder, recursive: true);

        var report = await Fuzzing.RunAsync(Fuzzing.Mutations(samples), bytes =>
        {
            try
            {
                var read = WavFile.Read(new MemoryStream(bytes), "fuzzed.wav");
                Assert.True(read.Samples.Length > 0);
            }
            catch (AudioFormatException)
            {
                // The documented refusal: the CLI prints it as a one-line error.
            }
        }, Convert.ToBase64String);
        output.WriteLine($"WAV files: {report}");
    }

    /// <summary>Words callers say for numbers, dates, times, emails and addresses, with noise between them.</summary>
    static readonly string[] Words =
    [
        "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
        "thirty", "hundred", "thousand", "million", "double", "triple", "and", "a", "half", "quarter", "past", "to", "noon",
        "midnight", "am", "pm", "o'clock", "today", "tomorrow", "next", "this", "last", "week", "monday", "tuesday", "saturday",
        "january", "march", "december", "1st", "22nd", "31st", "at", "dot", "com", "@", ".", "-", "_", "gmail", "diego", "brown",
        "street", "st", "avenue", "apt", "#", "suite", "seattle", "wa", "98101", "10002", "order", "number", "zip", "code",
        "my", "email", "is", "card", "4111", "1111", "security", "ssn", "123-45-6789", "book", "cancel", "return", "rate",
        "bye", "yes", "no", "'", ",", "?", "!", "\u00e9", "\u4e2d", "\u0000", "\t", "\n", "   ", "9999999999999999999999",
    ];

    [Fact]
    public async Task SpokenNumbersDatesEmailsAndAddressesAreUnderstoodOrLeftNeverThrow()
    {
        var lines = Gen.Frequency(
            (4, Gen.OneOf(Words).Array[0, 40].Select(words => string.Join(' ', words))),
            (1, Gen.String[0, 400]));
        var today = new DateOnly(2026, 11, 30);
        var report = await Fuzzing.RunAsync(lines, line =>
        {
            UtteranceParser.Parse(line, today);
            SensitiveText.Redact(line);
            PostalAddress.Zip(line);
        }, line => line);
        output.WriteLine($"spoken numbers, dates, emails, addresses: {report}");
    }
}
