"""Files answering a file question: private storage under "surveys", served only through
surveys.views.download after survey_file.download."""

from portal.uploads import storage
from surveys.models import AnswerFile

AREA = "surveys"


def private_storage():
    return storage.private_storage(AREA)


def store(response, question, checked, actor) -> AnswerFile:
    return AnswerFile.objects.create(
        response=response,
        question=question,
        name=checked.name,
        stored_name=storage.save(checked, area=AREA),
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=actor,
    )
