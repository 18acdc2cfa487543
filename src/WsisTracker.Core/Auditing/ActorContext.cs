namespace WsisTracker.Core.Auditing;

public enum ActorKind
{
    User,
    ApiKey,
    System,
}

/// <summary>
/// Who is acting in this scope (a signed-in user, an API key, or a named system task). Set once by the front end;
/// read by the audit trail and as the author of progress updates. Writes with no actor are not audited (seeding).
/// </summary>
public sealed class ActorContext
{
    public string? Name { get; private set; }

    public ActorKind Kind { get; private set; }

    public bool IsKnown => Name is not null;

    public void Set(string name, ActorKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
    }
}
