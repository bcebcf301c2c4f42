"""Full-text search over questions, answers, knowledge-base articles and news."""
