using Microsoft.AspNetCore.Http;
using WelfareFlow.Evaluation;

namespace WelfareFlow.Http;

/// <summary>RFC 7807 responses, one wording per kind of refusal.</summary>
public static class Problems
{
    public static IResult Validation(IEnumerable<ValidationError> errors) =>
        Results.ValidationProblem(
            errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "The request has invalid fields.");

    public static IResult Validation(string field, string message) => Validation([new ValidationError(field, message)]);

    public static IResult Unauthorized(string detail) => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);

    public static IResult Forbidden(string detail) => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static IResult Conflict(string detail) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);
}
