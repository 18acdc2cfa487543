namespace WsisTracker.Core.Resolutions;

public enum ParagraphKind
{
    Preambular,
    Operative,
}
