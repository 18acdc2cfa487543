using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace WsisTracker.Core.Common;

public static class InlinedLimit
{
    private static readonly MethodInfo Constant = typeof(EF).GetMethod(nameof(EF.Constant))!.MakeGenericMethod(typeof(int));

    /// <summary>
    /// <c>Take(count)</c> with the number written into the SQL text (<c>LIMIT 51</c>) instead of sent as a parameter.
    /// With <c>LIMIT $1</c> PostgreSQL's generic plan assumes a large share of the table, so a prepared statement is
    /// planned afresh on every execution; with the number in the text the generic plan is the cheap one, and is kept.
    /// Only for counts from a small range (each count is a statement text of its own).
    /// </summary>
    public static IQueryable<T> TakeInlined<T>(this IQueryable<T> query, int count) =>
        query.Provider.CreateQuery<T>(Expression.Call(
            typeof(Queryable), nameof(Queryable.Take), [typeof(T)], query.Expression, Expression.Call(Constant, Expression.Constant(count))));
}
