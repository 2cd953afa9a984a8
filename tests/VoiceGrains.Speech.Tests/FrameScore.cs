namespace VoiceGrains.Speech.Tests;

/// <summary>
/// Scores detected speech against reference segments at 10 ms frames, as testdata/speech/README.md prescribes:
/// speech covered = reference speech frames marked speech; non-speech flagged = reference non-speech frames marked
/// speech. With the collar, frames within 0.25 s of a reference edge are left out (the usual diarization convention).
/// </summary>
sealed class FrameScore
{
    const double Frame = 0.01;
    const double Collar = 0.25;

    readonly int[] speech = new int[2];
    readonly int[] covered = new int[2];
    readonly int[] nonSpeech = new int[2];
    readonly int[] flagged = new int[2];

    public void Add(IReadOnlyList<(double Start, double End)> reference, IReadOnlyList<(double Start, double End)> detected, double duration)
    {
        for (var t = Frame / 2; t < duration; t += Frame)
        {
            var isSpeech = reference.Any(r => t >= r.Start && t < r.End);
            var marked = detected.Any(d => t >= d.Start && t < d.End);
            var nearEdge = reference.Any(r => Math.Abs(t - r.Start) < Collar || Math.Abs(t - r.End) < Collar);
            foreach (var withCollar in new[] { 0, 1 })
            {
                if (withCollar == 1 && nearEdge)
                {
                    continue;
                }
                if (isSpeech)
                {
                    speech[withCollar]++;
                    covered[withCollar] += marked ? 1 : 0;
                }
                else
                {
                    nonSpeech[withCollar]++;
                    flagged[withCollar] += marked ? 1 : 0;
                }
            }
        }
    }

    public double Covered(bool collar) => (double)covered[collar ? 1 : 0] / speech[collar ? 1 : 0];

    public double Flagged(bool collar) => (double)flagged[collar ? 1 : 0] / nonSpeech[collar ? 1 : 0];
}
