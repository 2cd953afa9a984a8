using VoiceGrains.Frontend.MediaStreams;

namespace VoiceGrains.Frontend.Tests;

public sealed class MarksAtCarrierTests
{
    [Fact]
    public void EchoesOfPlayedAudioAreHeardAndTheEchoesAClearSendsBackAreNot()
    {
        var marks = new MarksAtCarrier();
        marks.Sent("reply1-0");
        marks.Sent("reply1-1");
        marks.Sent("reply1-2");

        Assert.True(marks.Played("reply1-0"));
        marks.Cleared();

        // Twilio answers the clear with the two marks still pending: the caller heard neither sentence.
        Assert.False(marks.Played("reply1-1"));
        Assert.False(marks.Played("reply1-2"));
    }

    [Fact]
    public void AMarkSentAgainAfterAClearIsHeardOnceItsOwnAudioHasPlayed()
    {
        var marks = new MarksAtCarrier();
        marks.Sent("reply1-1");
        marks.Cleared();
        marks.Sent("reply1-1");          // the agent goes on after a false start: the cut sentence is spoken again

        Assert.False(marks.Played("reply1-1"));
        Assert.True(marks.Played("reply1-1"));
    }

    [Fact]
    public void AnEchoOfAMarkNeverSentCountsAsHeard()
    {
        // Marks are the call's own names: an unknown one is the call's to ignore, not the session's.
        Assert.True(new MarksAtCarrier().Played("sentence-0"));
    }
}
