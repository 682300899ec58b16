-- The owner's choice to show the questionnaire scores and their agreement with the conversation on the public profile.
ALTER TABLE public_profile ADD COLUMN show_questionnaire boolean NOT NULL DEFAULT false;
