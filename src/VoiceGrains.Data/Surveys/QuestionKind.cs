namespace VoiceGrains.Data.Surveys;

/// <summary>How a survey question is answered; stored in snake case ("yes_no").</summary>
public enum QuestionKind
{
    /// <summary>1 (poor) to 5 (excellent).</summary>
    Rating,

    /// <summary>Net Promoter Score: 0 to 10, how likely the caller is to recommend the business.</summary>
    Nps,

    YesNo,

    /// <summary>One of two to nine named choices; on the keypad, the choice's position.</summary>
    Choice,

    /// <summary>Free speech, kept verbatim and scored for sentiment.</summary>
    Open,
}
