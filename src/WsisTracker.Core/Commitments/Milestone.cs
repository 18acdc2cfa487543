namespace WsisTracker.Core.Commitments;

/// <summary>A step of a commitment with an optional due date, marked done by its completed date.</summary>
public sealed class Milestone
{
    public int Id { get; set; }

    public int CommitmentId { get; set; }

    public int Order { get; set; }

    public required string Title { get; set; }

    public DateOnly? DueDate { get; set; }

    public DateOnly? CompletedDate { get; set; }
}
