//! What a call's parameters break, found before anything is sent.

use std::fmt;

/// The problems found in parameters before sending, each named by its wire key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidParams {
    /// Every problem found, in the order of the parameters.
    pub problems: Vec<ParamProblem>,
}

/// One parameter that breaks a constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamProblem {
    /// The parameter's key as sent on the wire, such as `business_profile[headline]`.
    pub param: String,
    /// What is wrong with it.
    pub message: String,
}

/// `invalid parameters, nothing was sent. `a` must not be empty. `b` must be ...`: one
/// sentence per problem.
impl fmt::Display for InvalidParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid parameters, nothing was sent.")?;
        for problem in &self.problems {
            write!(f, " {problem}")?;
        }
        Ok(())
    }
}

/// `` `business_profile[headline]` must be at most 60 characters, got 61. ``
impl fmt::Display for ParamProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}.", self.param, self.message)
    }
}

impl std::error::Error for InvalidParams {}
