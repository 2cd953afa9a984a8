using System.Text.Json;
using Microsoft.Playwright;
using VoiceGrains.Audio;
using VoiceGrains.Speech.Tts;

namespace VoiceGrains.EndToEnd.Tests;

/// <summary>
/// The console's softphone in Debian's Chromium with a fake microphone that plays a WAV file once: the example call's
/// first two lines spoken with the built-in voice, the second timed to fall on the agent's answer to the first. The
/// scripted recogniser hears a call's utterances as the example script's lines in order, so the product hears them in
/// step; everything else (the relay, the front end's media stream, VAD, agent, voice, barge-in, recording) is real.
/// </summary>
[Collection(LiveCallCollection.Name)]
public sealed class SoftphoneInTheBrowserTests(LiveCallCluster cluster) : IAsyncLifetime
{
    static readonly string[] Lines = ["Where is my order 10002?", "I'd like to book a rug cleaning next Tuesday afternoon."];

    readonly string microphone = Path.Combine(Path.GetTempPath(), $"voicegrains-softphone-{Guid.NewGuid():N}.wav");
    ConsoleBrowser browser = null!;

    public async Task InitializeAsync()
    {
        WriteCaller(microphone);
        // %noloop: the fake microphone plays the file once, then silence (Chromium's fake capture device).
        browser = await ConsoleBrowser.LaunchAsync(cluster.Console,
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", $"--use-file-for-fake-audio-capture={microphone}%noloop");
    }

    [Fact]
    public async Task ACallFromTheBrowserIsAnsweredHeardInterruptedAndStoredAsABrowserCall()
    {
        var page = await browser.SignInAsync(cluster.Supervisor);
        await page.GetByRole(AriaRole.Link, new() { Name = "Try a call" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Try a call" })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "softphone-ready");

        await page.Locator("#call").ClickAsync();
        await Assertions.Expect(page.Locator("#softphone-status")).ToHaveTextAsync("In a call.");
        var callSid = await page.EvaluateAsync<string>("() => voiceGrainsSoftphone.call.callSid");

        // The greeting arrives and plays, audibly, and its marks go back once played.
        await page.WaitForFunctionAsync("() => voiceGrainsSoftphone.stats.played > 25 && voiceGrainsSoftphone.stats.marks > 0",
            null, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".turn.agent").First).ToContainTextAsync("Thanks for calling");
        // The caller's second line falls on the answer to the first: the agent stops, and so does the playback.
        await page.WaitForFunctionAsync("() => voiceGrainsSoftphone.stats.clears > 0 && voiceGrainsSoftphone.stats.cut > 0",
            null, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".turn.caller")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".turn.agent")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        await ConsoleBrowser.ScreenshotAsync(page, "softphone-mid-call");
        var stats = await page.EvaluateAsync<JsonElement>("() => voiceGrainsSoftphone.stats");
        Assert.True(stats.GetProperty("sent").GetInt32() > 500, $"frames sent: {stats}");
        Assert.True(stats.GetProperty("agentLevel").GetDouble() > 0.02, $"agent audio played: {stats}");

        await page.Locator("#hang-up").ClickAsync();
        await Assertions.Expect(page.Locator("#softphone-status")).ToHaveTextAsync("You hung up.");

        await using var database = cluster.Database();
        await WaitForAsync(async () => await database.ScalarAsync<long>(
            $"SELECT count(*) FROM calls WHERE call_sid = '{callSid}' AND status = 'ended' AND recording_path IS NOT NULL") == 1);
        await using var query = database.CreateCommand(
            "SELECT c.channel, c.outcome, c.recording_path, array(SELECT t.text FROM call_turns t WHERE t.call_sid = c.call_sid AND t.speaker = 'caller' ORDER BY t.seq), " +
            "(SELECT bool_or(t.interrupted) FROM call_turns t WHERE t.call_sid = c.call_sid AND t.speaker = 'agent') FROM calls c WHERE c.call_sid = $1");
        query.Parameters.AddWithValue(callSid);
        await using var row = await query.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal("browser", row.GetString(0));
        Assert.Equal("completed", row.GetString(1));
        Assert.Equal(Lines, row.GetFieldValue<string[]>(3));
        Assert.True(row.GetBoolean(4), "an agent turn is stored as interrupted");
        var recording = WavFile.Read(row.GetString(2));
        Assert.True(recording.Duration > TimeSpan.FromSeconds(10), $"recording of {recording.Duration}");

        // Listed with the others, marked as a browser call.
        await page.GotoAsync(browser.Url($"/calls/{callSid}"));
        await Assertions.Expect(page.GetByText("inbound, from a browser")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnAnonymousBrowserCannotOpenTheSoftphoneSocket()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.Url("/signin"));
        var address = browser.Url($"/api/softphone/calls/CA{Guid.NewGuid():N}/media");
        // Refused for want of a sign-in (401), before the call is even looked up (a signed-in operator would get 400
        // for a plain request, 404 for a call that is not theirs).
        Assert.Equal(401, await page.EvaluateAsync<int>("async url => (await fetch(url)).status", address));
        var url = address.Replace("http", "ws", StringComparison.Ordinal);
        var outcome = await page.EvaluateAsync<string>("""
            url => new Promise(done => {
                const socket = new WebSocket(url);
                socket.onopen = () => done('open');
                socket.onclose = event => done('closed ' + event.code);
            })
            """, url);
        Assert.Equal("closed 1006", outcome);
    }

    /// <summary>
    /// The caller: silence while the greeting plays (about 4 s after the call connects), the first line, then the second
    /// 2.5 s after it ends, when the answer to the first (an order's status, several seconds) is playing; then silence
    /// for the agent to answer the second.
    /// </summary>
    static void WriteCaller(string path)
    {
        var voice = new EspeakEngine("en+f3");
        var rate = voice.SampleRate;
        var samples = new List<float>();
        void Silence(double seconds) => samples.AddRange(new float[(int)(seconds * rate)]);
        Silence(7);
        samples.AddRange(voice.Synthesize(SpokenText.Normalize(Lines[0]), CancellationToken.None));
        Silence(2.5);
        samples.AddRange(voice.Synthesize(SpokenText.Normalize(Lines[1]), CancellationToken.None));
        Silence(20);
        WavFile.Write(path, new AudioClip(samples.ToArray(), rate));
    }

    static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the call was not stored as ended with its recording within 30 s");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        File.Delete(microphone);
    }
}
